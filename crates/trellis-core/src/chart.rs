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

/// A point in chart coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Writes points as an SVG `points`/path list: `x,y x,y ...` with one decimal.
pub fn points_text(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One axis of a radar chart: a domain.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    pub label: String,
    /// Where the axis line ends (at the scale maximum).
    pub end: Point,
    /// Where its label goes, and how to anchor the text there (`start`, `middle`, `end`).
    pub label_at: Point,
    pub anchor: &'static str,
}

/// What the radar shows for one domain; every value is on the chart's scale.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RadarValues {
    pub value: Option<f64>,
    /// The middle half of people's values: first and third quartiles.
    pub spread: Option<(f64, f64)>,
    pub target: Option<f64>,
    pub agreed: Option<f64>,
}

/// A radar chart: rings for each whole scale point, one axis per domain, and polygons
/// for the values, the spread band, the targets and the agreed levels. A polygon whose
/// values are missing for some domain is drawn through the centre there, and `missing`
/// lists those domains so the text alternative can say so.
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    /// The drawing's width and height; wide enough for labels on both sides.
    pub width: f64,
    pub height: f64,
    pub centre: Point,
    pub rings: Vec<(String, Vec<Point>)>,
    pub axes: Vec<RadarAxis>,
    pub value: Vec<Point>,
    /// The band between the first- and third-quartile polygons (outer then inner ring,
    /// for an even-odd fill); empty when no domain has a spread.
    pub band: (Vec<Point>, Vec<Point>),
    /// The target ring, when every domain has a target; otherwise see `target_marks`.
    pub target: Option<Vec<Point>>,
    /// A mark per domain with a target (drawn alone when not every domain has one).
    pub target_marks: Vec<Point>,
    /// A mark per domain with an agreed level: agreement is recorded topic by topic, so
    /// it is never joined into a ring through topics without one.
    pub agreed_marks: Vec<Point>,
    /// Value markers, one per domain that has a value.
    pub markers: Vec<Point>,
}

/// Lays out a radar chart of `values` (one per label) on the scale `min..=max`.
pub fn radar(labels: &[String], values: &[RadarValues], min: f64, max: f64) -> Radar {
    let (width, height) = (860.0, 470.0);
    let centre = Point { x: 430.0, y: 232.0 };
    let radius = 170.0;
    let n = labels.len().max(3) as f64;
    let span = (max - min).max(f64::EPSILON);
    let at = |k: usize, v: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n;
        let r = radius * (v.clamp(min, max) - min) / span;
        Point {
            x: centre.x + r * angle.cos(),
            y: centre.y + r * angle.sin(),
        }
    };
    let steps = (max - min).round().max(1.0) as usize;
    let rings = (0..=steps)
        .map(|s| {
            let v = min + span * s as f64 / steps as f64;
            (format!("{v:.0}"), (0..labels.len()).map(|k| at(k, v)).collect())
        })
        .collect();
    let axes = labels
        .iter()
        .enumerate()
        .map(|(k, label)| {
            let end = at(k, max);
            let out = at(k, max + span * 0.12);
            let anchor = if (out.x - centre.x).abs() < 8.0 {
                "middle"
            } else if out.x > centre.x {
                "start"
            } else {
                "end"
            };
            RadarAxis {
                label: label.clone(),
                end,
                label_at: Point {
                    x: out.x,
                    y: out.y + 4.0,
                },
                anchor,
            }
        })
        .collect();
    let polygon = |pick: &dyn Fn(&RadarValues) -> Option<f64>| -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .map(|(k, v)| at(k, pick(v).unwrap_or(min)))
            .collect()
    };
    let marks = |pick: &dyn Fn(&RadarValues) -> Option<f64>| -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .filter_map(|(k, v)| pick(v).map(|x| at(k, x)))
            .collect()
    };
    let band = if values.iter().any(|v| v.spread.is_some()) {
        (
            polygon(&|v| v.spread.map(|s| s.1)),
            polygon(&|v| v.spread.map(|s| s.0)),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Radar {
        width,
        height,
        centre,
        rings,
        axes,
        value: polygon(&|v| v.value),
        band,
        target: (!values.is_empty() && values.iter().all(|v| v.target.is_some()))
            .then(|| polygon(&|v| v.target)),
        target_marks: marks(&|v| v.target),
        agreed_marks: marks(&|v| v.agreed),
        markers: marks(&|v| v.value),
    }
}

/// One segment of a stacked bar: a share of the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Which category: 0..points-1 for scale points, then "don't know", then "not
    /// applicable" (the view maps this to a pattern and colour).
    pub category: usize,
    pub count: usize,
    pub x: f64,
    pub width: f64,
}

/// A 100% stacked bar of answer counts across categories.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBar {
    pub total: usize,
    pub segments: Vec<Segment>,
}

/// Splits `width` among `counts` in proportion; empty categories get no segment.
pub fn stacked_bar(counts: &[usize], width: f64) -> StackedBar {
    let total: usize = counts.iter().sum();
    let mut x = 0.0;
    let segments = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(category, &count)| {
            let w = width * count as f64 / total.max(1) as f64;
            let s = Segment {
                category,
                count,
                x,
                width: w,
            };
            x += w;
            s
        })
        .collect();
    StackedBar { total, segments }
}

/// The shade (1 to 5) of a heat-map cell for a value on `min..=max`: five equal bands,
/// so a cell's shade always matches the number printed in it.
pub fn heat_shade(value: f64, min: f64, max: f64) -> u8 {
    let span = (max - min).max(f64::EPSILON);
    let t = ((value - min) / span).clamp(0.0, 1.0);
    ((t * 5.0).floor() as u8 + 1).min(5)
}

/// A small chart of one domain across rounds: a point per round with its 95% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub width: f64,
    pub height: f64,
    /// Horizontal grid lines with their labels: (y, label).
    pub grid: Vec<(f64, String)>,
    /// Per round: the x position, the round label, the point (if scored) and the
    /// interval's ends (if there is one).
    pub rounds: Vec<TrendRound>,
    /// The line through consecutive scored rounds.
    pub line: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendRound {
    pub x: f64,
    pub label: String,
    pub point: Option<Point>,
    pub interval: Option<(f64, f64)>,
}

/// One round of a trend: its label, mean and 95% interval.
pub type TrendItem = (String, Option<f64>, Option<(f64, f64)>);

/// Lays out a trend of rounds on the scale `min..=max`.
pub fn trend(items: &[TrendItem], min: f64, max: f64) -> Trend {
    let (width, height, left, top, plot_h) = (300.0, 170.0, 36.0, 10.0, 120.0);
    let span = (max - min).max(f64::EPSILON);
    let y_of = |v: f64| top + plot_h - (v.clamp(min, max) - min) / span * plot_h;
    let step = (width - left - 20.0) / items.len().max(1) as f64;
    let rounds: Vec<TrendRound> = items
        .iter()
        .enumerate()
        .map(|(k, (label, mean, ci))| {
            let x = left + step * (k as f64 + 0.5);
            TrendRound {
                x,
                label: label.clone(),
                point: mean.map(|m| Point { x, y: y_of(m) }),
                interval: ci.map(|(lo, hi)| (y_of(hi), y_of(lo))),
            }
        })
        .collect();
    let steps = (max - min).round().max(1.0) as usize;
    Trend {
        width,
        height,
        grid: (0..=steps)
            .map(|s| {
                let v = min + span * s as f64 / steps as f64;
                (y_of(v), format!("{v:.0}"))
            })
            .collect(),
        line: rounds.iter().filter_map(|r| r.point).collect(),
        rounds,
    }
}
