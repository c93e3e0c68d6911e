//! Pages as lists of drawing operations, in millimetres from the page's top left: what the
//! layout toolkit produces and the PDF writer encodes. Neither side needs the other.

use super::units::{Mm, Pt};

/// Thin rule (inner cell borders).
pub const RULE_THIN: Pt = Pt(0.5);
/// Thick rule (table frames).
pub const RULE_THICK: Pt = Pt(1.0);
/// Weight of a tick mark's strokes.
const TICK: Pt = Pt(1.2);

/// Page orientation of A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// 210 × 297 mm
    Portrait,
    /// 297 × 210 mm
    Landscape,
}

/// One drawing instruction, in millimetres from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A line of text whose baseline starts at (x, y).
    Text {
        /// Left end of the baseline.
        x: Mm,
        /// Baseline, from the top.
        y: Mm,
        /// Type size.
        size: Pt,
        /// The text (one line).
        text: String,
    },
    /// A straight rule.
    Line {
        /// Start.
        from: (Mm, Mm),
        /// End.
        to: (Mm, Mm),
        /// Thickness.
        width: Pt,
    },
    /// A rectangle outline.
    Frame {
        /// Left.
        x: Mm,
        /// Top.
        y: Mm,
        /// Width.
        w: Mm,
        /// Height.
        h: Mm,
        /// Thickness.
        width: Pt,
    },
    /// Translucent grey text over everything else on the page (「下書き（基準未達）」 across a
    /// bundle that is not to be posted).
    Mark {
        /// Left end of the baseline.
        x: Mm,
        /// Baseline, from the top.
        y: Mm,
        /// Type size.
        size: Pt,
        /// The text (one line).
        text: String,
        /// Grey level, 0 black … 1 white.
        grey: f32,
    },
    /// A line of text in red (朱書き: 「…在中」 on an envelope label).
    Red {
        /// Left end of the baseline.
        x: Mm,
        /// Baseline, from the top.
        y: Mm,
        /// Type size.
        size: Pt,
        /// The text (one line).
        text: String,
    },
    /// A red rectangle outline (the frame of a 朱書き).
    RedFrame {
        /// Left.
        x: Mm,
        /// Top.
        y: Mm,
        /// Width.
        w: Mm,
        /// Height.
        h: Mm,
        /// Thickness.
        width: Pt,
    },
    /// A filled grey rectangle (table heads).
    Shade {
        /// Left.
        x: Mm,
        /// Top.
        y: Mm,
        /// Width.
        w: Mm,
        /// Height.
        h: Mm,
        /// Grey level, 0 black … 1 white.
        grey: f32,
    },
}

/// One page being drawn.
#[derive(Debug, Clone)]
pub struct Page {
    /// Page width.
    pub width: Mm,
    /// Page height.
    pub height: Mm,
    /// What to draw, in order (shades first is up to the caller).
    pub draws: Vec<Draw>,
}

impl Page {
    /// An empty A4 page.
    pub fn a4(orientation: Orientation) -> Self {
        let (width, height) = match orientation {
            Orientation::Portrait => (Mm(210.0), Mm(297.0)),
            Orientation::Landscape => (Mm(297.0), Mm(210.0)),
        };
        Self {
            width,
            height,
            draws: Vec::new(),
        }
    }

    /// Text with its baseline at (x, y).
    pub fn text(&mut self, x: Mm, y: Mm, size: Pt, text: &str) {
        if !text.is_empty() {
            self.draws.push(Draw::Text {
                x,
                y,
                size,
                text: text.to_string(),
            });
        }
    }

    /// A straight rule.
    pub fn line(&mut self, from: (Mm, Mm), to: (Mm, Mm), width: Pt) {
        self.draws.push(Draw::Line { from, to, width });
    }

    /// Red text with its baseline at (x, y).
    pub fn red(&mut self, x: Mm, y: Mm, size: Pt, text: &str) {
        if !text.is_empty() {
            self.draws.push(Draw::Red {
                x,
                y,
                size,
                text: text.to_string(),
            });
        }
    }

    /// A red rectangle outline.
    pub fn red_frame(&mut self, x: Mm, y: Mm, w: Mm, h: Mm, width: Pt) {
        self.draws.push(Draw::RedFrame { x, y, w, h, width });
    }

    /// A rectangle outline.
    pub fn frame(&mut self, x: Mm, y: Mm, w: Mm, h: Mm, width: Pt) {
        self.draws.push(Draw::Frame { x, y, w, h, width });
    }

    /// A grey fill.
    pub fn shade(&mut self, x: Mm, y: Mm, w: Mm, h: Mm, grey: f32) {
        self.draws.push(Draw::Shade { x, y, w, h, grey });
    }

    /// A tick box of side `side` at (x, y); ticked draws a check mark in it.
    pub fn tick_box(&mut self, x: Mm, y: Mm, side: Mm, ticked: bool) {
        self.frame(x, y, side, side, RULE_THIN);
        if ticked {
            let p = |fx: f32, fy: f32| (x + side * fx, y + side * fy);
            self.line(p(0.18, 0.52), p(0.42, 0.78), TICK);
            self.line(p(0.42, 0.78), p(0.85, 0.18), TICK);
        }
    }

    /// A line of translucent grey text over the page (kept first in the list; drawn last).
    pub fn mark(&mut self, x: Mm, y: Mm, size: Pt, text: &str, grey: f32) {
        self.draws.insert(
            0,
            Draw::Mark {
                x,
                y,
                size,
                text: text.to_string(),
                grey,
            },
        );
    }

    /// Every text string drawn on the page, in drawing order (for checks).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.draws.iter().filter_map(|d| match d {
            Draw::Text { text, .. } | Draw::Mark { text, .. } | Draw::Red { text, .. } => {
                Some(text.as_str())
            }
            _ => None,
        })
    }
}
