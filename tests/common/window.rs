//! The one test window: the app, or one of its panels, in an egui_kittest harness with the
//! app's fonts, driven through its labels as a user would.

use eframe::egui;
use egui_kittest::Harness;
use jsog_renewal::ui::App;

/// How the test window is set up; [`window`] starts one.
pub struct Window {
    size: egui::Vec2,
    accessibility_check: bool,
    text_style: bool,
    rendered: bool,
    step_dt: Option<f32>,
}

/// A `width`×`height` window with the app's fonts. kittest's accessibility check (every widget
/// a screen reader can name) is on unless turned off.
pub fn window(width: f32, height: f32) -> Window {
    Window {
        size: egui::vec2(width, height),
        accessibility_check: true,
        text_style: false,
        rendered: false,
        step_dt: None,
    }
}

impl Window {
    /// Leaves out kittest's accessibility check (for panels tested on their own).
    pub fn without_accessibility_check(mut self) -> Self {
        self.accessibility_check = false;
        self
    }

    /// Applies the app's text sizes as the real window does at start-up.
    pub fn with_text_style(mut self) -> Self {
        self.text_style = true;
        self
    }

    /// Renders with wgpu (a software adapter on CI), for image snapshots.
    pub fn rendered(mut self) -> Self {
        self.rendered = true;
        self
    }

    /// Frames `dt` seconds apart (kittest's default is a quarter second, too slow for a
    /// double click, whose two clicks come one frame each).
    pub fn with_step_dt(mut self, dt: f32) -> Self {
        self.step_dt = Some(dt);
        self
    }

    /// The window showing `state` through `ui`.
    pub fn build<S>(
        self,
        state: S,
        ui: impl FnMut(&mut egui::Ui, &mut S) + 'static,
    ) -> Harness<'static, S> {
        let text_style = self.text_style;
        let builder = Harness::builder();
        let builder = if self.rendered {
            builder.wgpu()
        } else {
            builder
        };
        let builder = match self.step_dt {
            Some(dt) => builder.with_step_dt(dt),
            None => builder,
        };
        builder
            .with_size(self.size)
            .with_accessibility_check(self.accessibility_check)
            .with_max_steps(16)
            .with_context_setup(move |ctx| {
                jsog_renewal::ui::setup_context(ctx);
                if text_style {
                    jsog_renewal::ui::tokens::apply_text_style(ctx);
                }
            })
            .build_ui_state(ui, state)
    }

    /// The whole app in the window.
    pub fn app(self, app: App) -> Harness<'static, App> {
        self.build(app, |ui, app: &mut App| app.frame_ui(ui))
    }
}

/// The app on `application` as of `today`, with the verdict panel open whatever the window's
/// width.
pub fn app_on(today: chrono::NaiveDate, application: jsog_renewal::model::Application) -> App {
    let mut app = App::new(jsog_renewal::ui::AppOptions {
        today: Some(today),
        settings: jsog_renewal::ui::persist::Settings {
            verdict_folded: Some(false),
            ..Default::default()
        },
        ..jsog_renewal::ui::AppOptions::default()
    });
    app.set_application(application);
    app
}
