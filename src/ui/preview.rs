//! Pages drawn in the window from the same page model that writes the PDF ([`pdf::page`]): one
//! layout, two renderers, so what is seen before printing is what prints. Thumbnails draw text
//! too small to read as grey strokes of its length; a page opened large draws every glyph.

use eframe::egui::{self, Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind};

use crate::model::Application;
use crate::pdf::page::{Draw, Page};
use crate::pdf::{Form, RenderedForm};
use crate::rules::{FieldPath, Finding};

/// Below this size in pixels a line of text is drawn as a stroke (thumbnails).
const LEGIBLE_PX: f32 = 4.0;
/// 朱色, as the PDF writer draws it.
const RED: Color32 = Color32::from_rgb(217, 26, 26);

/// Millimetres per point.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// Draws `page` into `rect` (white paper, thin outline); returns the texts drawn as text, in
/// drawing order (a thumbnail's strokes are not text).
pub fn paint_page(painter: &Painter, rect: Rect, page: &Page) -> Vec<String> {
    let scale = rect.width() / page.width.0;
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * scale, rect.top() + y * scale);
    let px = |pt: f32| pt * MM_PER_PT * scale;
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let grey = |g: f32| {
        let v = (g.clamp(0.0, 1.0) * 255.0) as u8;
        Color32::from_gray(v)
    };
    let mut texts = Vec::new();
    let mut text = |painter: &Painter, x: f32, y: f32, size: f32, s: &str, colour: Color32| {
        let size_px = px(size);
        // The baseline: egui anchors a line by its box; the descent is about a fifth of it.
        let pos = at(x, y) + egui::vec2(0.0, size_px * 0.2);
        if size_px < LEGIBLE_PX {
            let width = s.chars().count() as f32 * size_px;
            let y = pos.y - size_px * 0.4;
            painter.line_segment(
                [Pos2::new(pos.x, y), Pos2::new(pos.x + width, y)],
                Stroke::new((size_px * 0.6).max(0.5), colour.gamma_multiply(0.35)),
            );
        } else {
            painter.text(
                pos,
                Align2::LEFT_BOTTOM,
                s,
                FontId::proportional(size_px),
                colour,
            );
            texts.push(s.to_string());
        }
    };
    let mut marks = Vec::new();
    for draw in &page.draws {
        match draw {
            Draw::Shade {
                x,
                y,
                w,
                h,
                grey: g,
            } => {
                painter.rect_filled(
                    Rect::from_min_size(at(x.0, y.0), egui::vec2(w.0 * scale, h.0 * scale)),
                    0.0,
                    grey(*g),
                );
            }
            Draw::Line { from, to, width } => {
                painter.line_segment(
                    [at(from.0.0, from.1.0), at(to.0.0, to.1.0)],
                    Stroke::new(px(width.0).max(0.5), Color32::BLACK),
                );
            }
            Draw::Frame { x, y, w, h, width } => {
                painter.rect_stroke(
                    Rect::from_min_size(at(x.0, y.0), egui::vec2(w.0 * scale, h.0 * scale)),
                    0.0,
                    Stroke::new(px(width.0).max(0.5), Color32::BLACK),
                    StrokeKind::Middle,
                );
            }
            Draw::RedFrame { x, y, w, h, width } => {
                painter.rect_stroke(
                    Rect::from_min_size(at(x.0, y.0), egui::vec2(w.0 * scale, h.0 * scale)),
                    0.0,
                    Stroke::new(px(width.0).max(0.5), RED),
                    StrokeKind::Middle,
                );
            }
            Draw::Text {
                x,
                y,
                size,
                text: s,
            } => {
                text(painter, x.0, y.0, size.0, s, Color32::BLACK);
            }
            Draw::Red {
                x,
                y,
                size,
                text: s,
            } => text(painter, x.0, y.0, size.0, s, RED),
            Draw::Mark { .. } => marks.push(draw),
        }
    }
    // Marks last and translucent, as the writer draws them.
    for draw in marks {
        if let Draw::Mark {
            x,
            y,
            size,
            text: s,
            grey: g,
        } = draw
        {
            text(painter, x.0, y.0, size.0, s, grey(*g).gamma_multiply(0.35));
        }
    }
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::from_gray(150)),
        StrokeKind::Outside,
    );
    texts
}

/// The size of a page drawn `width` pixels wide.
pub fn size_for(page: &Page, width: f32) -> egui::Vec2 {
    egui::vec2(width, width * page.height.0 / page.width.0)
}

/// Where a finding of the pre-flight is on paper: (index into `forms`, page within the form).
/// A case is found by its No. in the first column of 様式3, a credit on 様式4 by its title; other
/// fields are on the first page of their form.
pub fn finding_page(
    forms: &[RenderedForm],
    app: &Application,
    finding: &Finding,
) -> Option<(usize, usize)> {
    let form_of = |form: Form| forms.iter().position(|f| f.form == form);
    let first_with = |form: Form, hit: &dyn Fn(&Draw) -> bool| {
        let i = form_of(form)?;
        let page = forms[i]
            .pages
            .iter()
            .position(|p| p.draws.iter().any(hit))
            .unwrap_or(0);
        Some((i, page))
    };
    match finding.path {
        FieldPath::Applicant(_) | FieldPath::Application(_) | FieldPath::Font => {
            Some((form_of(Form::Application)?, 0))
        }
        FieldPath::Workplace(..) | FieldPath::Pause(..) => Some((form_of(Form::WorkingStatus)?, 0)),
        FieldPath::Case(i, _) => {
            let no = app.case_order().number(i).to_string();
            first_with(
                Form::ClinicalRecord,
                &|d| matches!(d, Draw::Text { x, text, .. } if *text == no && x.0 < crate::pdf::MARGIN_LEFT.0 + 12.0),
            )
        }
        FieldPath::Credit(i, _) => {
            let title = app.credits.get(i)?.title.trim().to_string();
            let head: String = title.chars().take(8).collect();
            first_with(Form::UnitSummary, &|d| {
                !head.is_empty() && matches!(d, Draw::Text { text, .. } if text.contains(&head))
            })
        }
        FieldPath::Total | FieldPath::Category(_) | FieldPath::Topic(_) => {
            Some((form_of(Form::UnitSummary)?, 0))
        }
    }
}
