//! Chart geometry: positions and sizes computed here, so views only map them to SVG.

/// A horizontal bar chart of values on a fixed scale, one row per item.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    /// Left edge of the plotting area (labels sit to its left).
    pub plot_left: f64,
    pub plot_width: f64,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The value as text ("3.4", or "not enough answers").
    pub value_text: String,
    /// Baseline of the row's text.
    pub text_y: f64,
    /// The bar itself; `None` when there is no value to draw.
    pub rect: Option<Rect>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A vertical grid line with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

const ROW: f64 = 36.0;
const BAR: f64 = 22.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 24.0;

/// Lays out bars for `items` (label, value) on the scale `min..=max`.
///
/// Bars start at `min`, so a value equal to `min` has zero length but is still labelled.
pub fn bar_chart(items: &[(String, Option<f64>)], min: f64, max: f64, missing_text: &str) -> BarChart {
    let width = 640.0;
    let plot_left = 240.0;
    let plot_width = 340.0;
    let span = (max - min).max(f64::EPSILON);
    let x_of = |v: f64| plot_left + (v.clamp(min, max) - min) / span * plot_width;
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let top = TOP + i as f64 * ROW;
            Bar {
                label: label.clone(),
                value_text: value.map_or_else(|| missing_text.to_string(), crate::scoring::format_score),
                text_y: top + BAR / 2.0 + 5.0,
                rect: value.map(|v| Rect {
                    x: plot_left,
                    y: top,
                    width: x_of(v) - plot_left,
                    height: BAR,
                }),
            }
        })
        .collect();
    let steps = (max - min).round().max(1.0) as usize;
    let ticks = (0..=steps)
        .map(|k| {
            let v = min + span * k as f64 / steps as f64;
            Tick {
                x: x_of(v),
                label: format!("{v:.0}"),
            }
        })
        .collect();
    BarChart {
        width,
        height: TOP + items.len() as f64 * ROW + AXIS,
        plot_left,
        plot_width,
        bars,
        ticks,
    }
}
