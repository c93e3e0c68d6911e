//! Design tokens (spacing, sizes, colours) and the one Japanese font, so panels use names
//! instead of magic numbers.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontData, FontDefinitions, FontFamily};

/// BIZ UDPGothic (SIL OFL, see `assets/fonts/OFL.txt`): the only CJK face loaded in the GUI.
const JAPANESE_FONT: &[u8] = include_bytes!("../../assets/fonts/BIZUDPGothic-Regular.ttf");
const JAPANESE_FONT_NAME: &str = "BIZUDPGothic";

/// Space between related widgets.
pub const GAP: f32 = 6.0;
/// Width of a portrait page's thumbnail on the export page.
pub const THUMBNAIL_WIDTH: f32 = 84.0;
/// Space between sections.
pub const SECTION_GAP: f32 = 14.0;
/// Width of the side navigation.
pub const NAV_WIDTH: f32 = 200.0;
/// Default width of the verdict panel.
pub const VERDICT_WIDTH: f32 = 280.0;
/// Width of the verdict panel folded to a strip (○/×, the total, the button that opens it).
pub const VERDICT_STRIP_WIDTH: f32 = 44.0;
/// Below this window width the verdict panel folds itself, unless the user opened it: at
/// 1024 px the case table needs the room for all its columns.
pub const VERDICT_FOLD_BELOW: f32 = 1100.0;
/// Height of a table row.
pub const ROW_HEIGHT: f32 = 24.0;
/// Height of a table header.
pub const HEADER_HEIGHT: f32 = 26.0;
/// Width of a form label column.
pub const LABEL_WIDTH: f32 = 170.0;
/// Width of a form text field.
pub const FIELD_WIDTH: f32 = 320.0;
/// Width of a date field.
pub const DATE_WIDTH: f32 = 150.0;
/// Narrowest box showing the whole text of a table cell being edited.
pub const WHOLE_TEXT_WIDTH: f32 = 260.0;
/// The bar of a doctor's standing in the office list (fits a table row).
pub const STANDING_BAR: egui::Vec2 = egui::vec2(48.0, 10.0);
/// Widest default width of the office window (wider screens keep it at this).
pub const OFFICE_WIDTH: f32 = 1120.0;
/// Narrowest default width of the office window.
pub const OFFICE_MIN_WIDTH: f32 = 640.0;
/// Height of the progress chart in small in the verdict panel.
pub const VERDICT_CHART_HEIGHT: f32 = 90.0;
/// Height the verdict panel must have left under the total to show the small chart: the chart,
/// the four category bars and a few findings. A shorter panel (a 700 px window, a larger text
/// scale) leaves the chart to the 集計 page rather than squeeze the findings.
pub const VERDICT_CHART_ROOM: f32 = 540.0;
/// Height of a progress bar in the verdict panel.
pub const BAR_HEIGHT: f32 = 16.0;
/// Smallest and largest UI scale offered.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.8..=2.0;
/// UI scales offered in the menu.
pub const SCALE_STEPS: [f32; 6] = [0.9, 1.0, 1.15, 1.3, 1.5, 1.75];

/// Colours that carry meaning; they are chosen to read on both light and dark themes.
pub mod colour {
    use eframe::egui::Color32;

    /// Passing / met.
    pub const OK: Color32 = Color32::from_rgb(0x2e, 0x9d, 0x4f);
    /// Planned: an entry dated after today.
    pub const PLANNED: Color32 = Color32::from_rgb(0x1f, 0x77, 0xb4);
    /// Failing / error.
    pub const ERROR: Color32 = Color32::from_rgb(0xd9, 0x3f, 0x3f);
    /// Warning.
    pub const WARNING: Color32 = Color32::from_rgb(0xd8, 0x8a, 0x1c);
    /// Text on a coloured badge (要対応, 注意).
    pub const ON_BADGE: Color32 = Color32::WHITE;
    /// Highlight of the row a finding points to.
    pub const HIGHLIGHT: Color32 = Color32::from_rgba_premultiplied(0x40, 0x80, 0xe0, 0x50);
}

/// Colour of a severity badge.
pub fn severity_colour(severity: crate::rules::Severity) -> Color32 {
    match severity {
        crate::rules::Severity::Error => colour::ERROR,
        crate::rules::Severity::Warning => colour::WARNING,
    }
}

/// Installs the Japanese font at the front of the proportional and monospace families.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        JAPANESE_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(JAPANESE_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, JAPANESE_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Text sizes a little larger than egui's defaults: many users read on small laptop screens.
pub fn apply_text_style(ctx: &egui::Context) {
    use egui::{FontId, TextStyle};
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(21.0)),
            (TextStyle::Body, FontId::proportional(14.5)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Button, FontId::proportional(14.5)),
            (TextStyle::Small, FontId::proportional(11.5)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, GAP);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}
