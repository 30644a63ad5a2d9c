//! Chart geometry: positions and sizes computed here, so views only map them to SVG.
//!
//! Two kinds of drawing. Bar, stacked and trend charts are as wide as the page allows:
//! their horizontal positions are fractions of the chart's width (the views write them
//! as percentages) and their vertical positions are CSS pixels, so their text is drawn
//! at its own size however wide the screen. The radar is a shape and must scale as a
//! whole; its labels are wrapped and its drawing is made just large enough to hold them,
//! so that scaled to a phone's width its text stays at least 12 pixels high.
//!
//! Labels are split into lines here, between words and never inside one, from an
//! estimate of each character's width in the widest of the app's fonts (DejaVu Sans), so
//! a line is never longer than its estimate on any of them.

/// Size in CSS pixels of the labels of bar and stacked charts (`.chart .bar-label` in
/// `styles/app.css` uses the same).
pub const LABEL_SIZE: f64 = 15.0;
/// Distance between the baselines of a wrapped label's lines.
pub const LINE_HEIGHT: f64 = 19.0;
/// Width a bar or stacked chart's label may take before it wraps: what a 320 pixel wide
/// screen (400% zoom) leaves for the chart, so no label is ever cut.
pub const LABEL_WIDTH: f64 = 280.0;
/// Size of the radar's text in its own units (`.chart .radar-label`, `.radar-tick`).
pub const RADAR_TEXT: f64 = 17.0;
/// Width a radar label may take before it wraps, in the radar's units.
pub const RADAR_LABEL_WIDTH: f64 = 130.0;

/// Widths of printable ASCII characters (from the space, 0x20) in DejaVu Sans, in
/// thousandths of the font size.
const ADVANCE: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, // ' ' to '/'
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, // '0' to '?'
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, // '@' to 'O'
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, // 'P' to '_'
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, // '`' to 'o'
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, // 'p' to '~'
];

/// The estimated width of `text` drawn at `size` pixels. Characters outside ASCII
/// (accented letters, dashes, curly quotes) count as wide as a capital letter.
pub fn text_width(text: &str, size: f64) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| {
            u32::from(c)
                .checked_sub(0x20)
                .and_then(|i| ADVANCE.get(i as usize))
                .map_or(700, |w| u32::from(*w))
        })
        .sum();
    f64::from(thousandths) * size / 1000.0
}

/// Splits `text` into lines no wider than `width` at `size` pixels, breaking only at
/// spaces. A word wider than `width` has a line of its own and is never broken.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
        } else if text_width(&format!("{line} {word}"), size) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A row of a bar or stacked chart: its label's lines above, then the bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub lines: Vec<String>,
    /// Baseline of the label's first line; each next line is [`LINE_HEIGHT`] lower.
    pub label_y: f64,
    /// Top of the bar.
    pub bar_y: f64,
}

/// Height of a bar.
pub const BAR_HEIGHT: f64 = 20.0;
/// Space between a label's last line and its bar, and after the bar.
const LABEL_GAP: f64 = 5.0;
const ROW_GAP: f64 = 14.0;

/// Stacks rows from `top` down: each label wrapped above its bar. Returns the rows and
/// the height they take.
fn rows(labels: impl Iterator<Item = String>, top: f64) -> (Vec<Row>, f64) {
    let mut y = top;
    let rows = labels
        .map(|label| {
            let lines = wrap(&label, LABEL_WIDTH, LABEL_SIZE);
            let label_y = y + LABEL_SIZE;
            let bar_y = y + lines.len() as f64 * LINE_HEIGHT + LABEL_GAP;
            y = bar_y + BAR_HEIGHT + ROW_GAP;
            Row {
                lines,
                label_y,
                bar_y,
            }
        })
        .collect();
    (rows, y)
}

/// A horizontal bar chart of values on a fixed scale, one row per item.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub height: f64,
    /// Where the scale's maximum is, as a fraction of the width; the rest is room for
    /// the value written after the longest bar.
    pub plot_end: f64,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    /// Bottom of the grid lines.
    pub grid_bottom: f64,
    /// Baseline of the tick labels.
    pub tick_y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub row: Row,
    /// The value as text ("3.4", or "not enough answers").
    pub value_text: String,
    /// Baseline of the value, written after the bar's end.
    pub value_y: f64,
    /// Where the bar ends as a fraction of the width (it starts at 0); `None` when there
    /// is no value to draw, and the value text starts at 0.
    pub end: Option<f64>,
}

/// A vertical grid line with its label, at a fraction of the width.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
    /// `start` for the first tick, so its label is not cut at the left edge.
    pub anchor: &'static str,
}

const PLOT_END: f64 = 0.86;

/// Lays out bars for `items` (label, value) on the scale `min..=max`.
///
/// Bars start at `min`, so a value equal to `min` has zero length but is still labelled.
pub fn bar_chart(items: &[(String, Option<f64>)], min: f64, max: f64, missing_text: &str) -> BarChart {
    let span = (max - min).max(f64::EPSILON);
    let x_of = |v: f64| (v.clamp(min, max) - min) / span * PLOT_END;
    let (laid, bottom) = rows(items.iter().map(|(label, _)| label.clone()), 4.0);
    let bars = items
        .iter()
        .zip(laid)
        .map(|((_, value), row)| Bar {
            value_text: value.map_or_else(|| missing_text.to_string(), crate::scoring::format_score),
            value_y: row.bar_y + BAR_HEIGHT / 2.0 + LABEL_SIZE * 0.35,
            end: value.map(x_of),
            row,
        })
        .collect();
    let steps = (max - min).round().max(1.0) as usize;
    let ticks = (0..=steps)
        .map(|k| {
            let v = min + span * k as f64 / steps as f64;
            Tick {
                x: x_of(v),
                label: format!("{v:.0}"),
                anchor: if k == 0 { "start" } else { "middle" },
            }
        })
        .collect();
    BarChart {
        height: bottom + LINE_HEIGHT + 4.0,
        plot_end: PLOT_END,
        bars,
        ticks,
        grid_bottom: bottom,
        tick_y: bottom + LABEL_SIZE,
    }
}

/// A chart of 100% stacked bars, one per row, each label wrapped above its bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Stacked {
    pub height: f64,
    /// Each row with its bar's segments (as fractions of the width).
    pub rows: Vec<(Row, StackedBar)>,
}

/// Lays out stacked bars for `items` (label, counts per category).
pub fn stacked_chart(items: &[(String, Vec<usize>)]) -> Stacked {
    let (laid, bottom) = rows(items.iter().map(|(label, _)| label.clone()), 4.0);
    Stacked {
        height: bottom - ROW_GAP + 4.0,
        rows: laid
            .into_iter()
            .zip(items)
            .map(|(row, (_, counts))| (row, stacked_bar(counts, 1.0)))
            .collect(),
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
    /// The label's lines.
    pub lines: Vec<String>,
    /// Where the axis line ends (at the scale maximum).
    pub end: Point,
    /// Where the label's first line goes, and how to anchor the text there (`start`,
    /// `middle`, `end`); each next line is `line_height` lower.
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
    /// The drawing's width and height: just enough for the shape and every label.
    pub width: f64,
    pub height: f64,
    pub line_height: f64,
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

/// The radar's radius at the scale maximum, in its own units.
pub const RADAR_RADIUS: f64 = 105.0;
/// Space between the outer ring and a label.
const RADAR_LABEL_GAP: f64 = 10.0;
/// Space kept around everything drawn.
const RADAR_MARGIN: f64 = 6.0;

/// Where a label goes relative to the centre, and the box its lines take.
struct Placed {
    lines: Vec<String>,
    at: Point,
    anchor: &'static str,
    /// Left, top, right, bottom.
    bounds: (f64, f64, f64, f64),
}

fn place_label(label: &str, angle: f64) -> Placed {
    let lines = wrap(label, RADAR_LABEL_WIDTH, RADAR_TEXT);
    let line_height = RADAR_TEXT * 1.2;
    let widest = lines
        .iter()
        .map(|l| text_width(l, RADAR_TEXT))
        .fold(0.0, f64::max);
    let r = RADAR_RADIUS + RADAR_LABEL_GAP;
    let (cos, sin) = (angle.cos(), angle.sin());
    let (x, y) = (r * cos, r * sin);
    let anchor = if cos.abs() < 0.2 {
        "middle"
    } else if cos > 0.0 {
        "start"
    } else {
        "end"
    };
    let block = (lines.len() as f64 - 1.0) * line_height;
    // Above the shape the block ends at the point; below it starts there; beside it, it
    // is centred on it.
    let first = if sin < -0.7 {
        y - block - RADAR_TEXT * 0.3
    } else if sin > 0.7 {
        y + RADAR_TEXT * 0.9
    } else {
        y - block / 2.0 + RADAR_TEXT * 0.35
    };
    let (left, right) = match anchor {
        "start" => (x, x + widest),
        "end" => (x - widest, x),
        _ => (x - widest / 2.0, x + widest / 2.0),
    };
    Placed {
        lines,
        at: Point { x, y: first },
        anchor,
        bounds: (
            left,
            first - RADAR_TEXT * 0.8,
            right,
            first + block + RADAR_TEXT * 0.25,
        ),
    }
}

/// Lays out a radar chart of `values` (one per label) on the scale `min..=max`.
pub fn radar(labels: &[String], values: &[RadarValues], min: f64, max: f64) -> Radar {
    let n = labels.len().max(3) as f64;
    let angle_of = |k: usize| -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n;
    let placed: Vec<Placed> = labels
        .iter()
        .enumerate()
        .map(|(k, label)| place_label(label, angle_of(k)))
        .collect();
    // The box around the shape and every label, relative to the centre.
    let (mut left, mut top, mut right, mut bottom) =
        (-RADAR_RADIUS, -RADAR_RADIUS, RADAR_RADIUS, RADAR_RADIUS);
    for p in &placed {
        left = left.min(p.bounds.0);
        top = top.min(p.bounds.1);
        right = right.max(p.bounds.2);
        bottom = bottom.max(p.bounds.3);
    }
    let centre = Point {
        x: RADAR_MARGIN - left,
        y: RADAR_MARGIN - top,
    };
    let span = (max - min).max(f64::EPSILON);
    let at = |k: usize, v: f64| {
        let angle = angle_of(k);
        let r = RADAR_RADIUS * (v.clamp(min, max) - min) / span;
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
    let axes = placed
        .into_iter()
        .enumerate()
        .map(|(k, p)| RadarAxis {
            lines: p.lines,
            end: at(k, max),
            label_at: Point {
                x: centre.x + p.at.x,
                y: centre.y + p.at.y,
            },
            anchor: p.anchor,
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
        width: right - left + 2.0 * RADAR_MARGIN,
        height: bottom - top + 2.0 * RADAR_MARGIN,
        line_height: RADAR_TEXT * 1.2,
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

/// Size of a trend chart's text in CSS pixels (`.chart .tick` in `styles/app.css`).
pub const TREND_TEXT: f64 = 14.0;
/// The narrowest a trend chart is drawn (a card in the narrowest grid column).
pub const TREND_MIN_WIDTH: f64 = 240.0;

/// A small chart of one domain across rounds: a point per round with its 95% interval.
/// Horizontal positions are fractions of the width; vertical ones are pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub height: f64,
    /// Where the grid lines start, as a fraction of the width; their labels are left of it.
    pub plot_left: f64,
    /// Horizontal grid lines with their labels: (y, label).
    pub grid: Vec<(f64, String)>,
    /// Per round: the x position, the round label, the point (if scored) and the
    /// interval's ends (if there is one).
    pub rounds: Vec<TrendRound>,
    /// The line through consecutive scored rounds.
    pub line: Vec<Point>,
    /// Baseline of the first line of the round labels.
    pub label_y: f64,
    pub line_height: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendRound {
    pub x: f64,
    pub lines: Vec<String>,
    pub point: Option<Point>,
    pub interval: Option<(f64, f64)>,
}

/// One round of a trend: its label, mean and 95% interval.
pub type TrendItem = (String, Option<f64>, Option<(f64, f64)>);

/// Where the rounds start: the grid labels sit left of it.
const TREND_LEFT: f64 = 0.12;

/// Lays out a trend of rounds on the scale `min..=max`.
pub fn trend(items: &[TrendItem], min: f64, max: f64) -> Trend {
    let (top, plot_h) = (TREND_TEXT * 0.5 + 2.0, 120.0);
    let span = (max - min).max(f64::EPSILON);
    let y_of = |v: f64| top + plot_h - (v.clamp(min, max) - min) / span * plot_h;
    let step = (1.0 - TREND_LEFT) / items.len().max(1) as f64;
    // Each round's label may take its share of the narrowest chart.
    let room = (step * TREND_MIN_WIDTH - 6.0).max(0.0);
    let rounds: Vec<TrendRound> = items
        .iter()
        .enumerate()
        .map(|(k, (label, mean, ci))| {
            let x = TREND_LEFT + step * (k as f64 + 0.5);
            TrendRound {
                x,
                lines: wrap(label, room, TREND_TEXT),
                point: mean.map(|m| Point { x, y: y_of(m) }),
                interval: ci.map(|(lo, hi)| (y_of(hi), y_of(lo))),
            }
        })
        .collect();
    let most_lines = rounds.iter().map(|r| r.lines.len()).max().unwrap_or(1) as f64;
    let line_height = TREND_TEXT * 1.2;
    let label_y = top + plot_h + TREND_TEXT + 8.0;
    let steps = (max - min).round().max(1.0) as usize;
    Trend {
        height: label_y + (most_lines - 1.0) * line_height + TREND_TEXT * 0.3 + 4.0,
        plot_left: TREND_LEFT,
        grid: (0..=steps)
            .map(|s| {
                let v = min + span * s as f64 / steps as f64;
                (y_of(v), format!("{v:.0}"))
            })
            .collect(),
        line: rounds.iter().filter_map(|r| r.point).collect(),
        rounds,
        label_y,
        line_height,
    }
}

/// One domain's spread across collaborations on a strip: a box from the lower to the
/// upper quartile with the median in it, whiskers to the lowest and the highest, a dot
/// for each collaboration and a marker for the chosen one. Positions are fractions of
/// the width, inside a small margin so that dots at either end are drawn whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// The five numbers' positions, when there are values.
    pub five: Option<[f64; 5]>,
    pub dots: Vec<f64>,
    pub marker: Option<f64>,
    pub ticks: Vec<Tick>,
}

/// Margin at each side of a spread strip, as a fraction of its width.
const SPREAD_MARGIN: f64 = 0.03;

/// Lays out a spread strip of `values` (with their five numbers, if any) and the chosen
/// collaboration's `marker` on the scale `min..=max`, with a tick at each whole point.
pub fn spread(
    five: Option<&crate::summary::FiveNumbers>,
    values: &[f64],
    marker: Option<f64>,
    min: f64,
    max: f64,
) -> Spread {
    let span = (max - min).max(f64::EPSILON);
    let x_of = |v: f64| SPREAD_MARGIN + (v.clamp(min, max) - min) / span * (1.0 - 2.0 * SPREAD_MARGIN);
    let steps = (max - min).round().max(1.0) as usize;
    Spread {
        five: five.map(|f| [f.min, f.q1, f.median, f.q3, f.max].map(x_of)),
        dots: values.iter().map(|v| x_of(*v)).collect(),
        marker: marker.map(x_of),
        ticks: (0..=steps)
            .map(|k| {
                let v = min + span * k as f64 / steps as f64;
                Tick {
                    x: x_of(v),
                    label: format!("{v:.0}"),
                    anchor: "middle",
                }
            })
            .collect(),
    }
}
