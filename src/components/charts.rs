//! SVG charts drawn from geometry computed in trellis-core: the radar of domains (and
//! the values it shows for a round), the stacked distribution of answers, and a
//! domain's trend across rounds. Each chart is a
//! figure whose SVG has a title and description, with the numbers in a table nearby.
//!
//! These are plain functions, not components: they hold no state, and a function keeps
//! the bundle smaller than a component would.

use trellis_core::analysis::{Distribution, RoundAnalysis};
use trellis_core::chart::{
    points_text, radar, stacked_chart, trend, Point, RadarValues, TrendItem, BAR_HEIGHT, LINE_HEIGHT,
};
use trellis_core::scoring::format_score;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::names::domain_title;
use crate::messages as msg;

/// The category of "not applicable" among a distribution's (after the scale points and
/// "don't know"): drawn with a hatched pattern rather than a colour.
fn is_not_applicable(categories: &[String], category: usize) -> bool {
    category + 1 == categories.len()
}

/// A fraction of the chart's width as an SVG percentage.
pub fn pct(fraction: f64) -> String {
    let v = (fraction * 10_000.0).round() / 100.0;
    format!("{v}%")
}

/// An SVG coordinate in pixels with at most one decimal, so output is compact and stable.
pub fn px(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A label of one or more lines (split by the geometry), as one text element with a
/// `tspan` a line; the drawing is an image with its own text alternative, so the lines
/// need no spaces between them.
pub fn label_text(
    class: &'static str,
    lines: &[String],
    (x, y): (&str, f64),
    line_height: f64,
    anchor: &'static str,
) -> Html {
    html! {
        <text class={class} y={px(y)} text-anchor={anchor}>
            for (k, line) in lines.iter().enumerate() {
                <tspan x={x.to_string()} dy={if k == 0 { "0".to_string() } else { px(line_height) }}>{ line.clone() }</tspan>
            }
        </text>
    }
}

fn polygon(points: &[Point], class: &'static str) -> Html {
    html! { <polygon class={class} data-testid={class} points={points_text(points)} /> }
}

/// The radar of the domains: scores, the middle half of people's scores, targets and
/// agreed levels, on the 1 to 5 scale. `summary` is its text alternative.
pub fn radar_figure(labels: &[String], values: &[RadarValues], summary: String) -> Html {
    let r = radar(labels, values, 1.0, 5.0);
    let band = if r.band.0.is_empty() {
        Html::default()
    } else {
        let d = format!("M{}Z M{}Z", points_text(&r.band.0), points_text(&r.band.1));
        html! { <path class="radar-band" fill-rule="evenodd" d={d} /> }
    };
    let legend = [
        ("radar-key-value", msg::RADAR_VALUE, true),
        ("radar-key-band", msg::RADAR_BAND, !r.band.0.is_empty()),
        ("radar-key-target", msg::RADAR_TARGET, !r.target_marks.is_empty()),
        ("radar-key-agreed", msg::RADAR_AGREED, !r.agreed_marks.is_empty()),
    ];
    html! {
        <figure class="chart radar" data-testid="radar">
            <svg viewBox={format!("0 0 {} {}", px(r.width), px(r.height))} role="img" aria-labelledby="radar-title radar-desc">
                <title id="radar-title">{ msg::RADAR_TITLE }</title>
                <desc id="radar-desc">{ summary }</desc>
                for (label, ring) in r.rings.iter() {
                    <g class="radar-ring">
                        { polygon(ring, "radar-grid") }
                        <text x={px(r.centre.x - 5.0)} y={px(ring.first().map_or(0.0, |p| p.y) + 6.0)} text-anchor="end" class="radar-tick">{ label.clone() }</text>
                    </g>
                }
                for axis in r.axes.iter() {
                    <line class="radar-axis" x1={format!("{:.1}", r.centre.x)} y1={format!("{:.1}", r.centre.y)} x2={format!("{:.1}", axis.end.x)} y2={format!("{:.1}", axis.end.y)} />
                    { label_text("radar-label", &axis.lines, (&px(axis.label_at.x), axis.label_at.y), r.line_height, axis.anchor) }
                }
                { band }
                if let Some(t) = &r.target { { polygon(t, "radar-target") } }
                for m in r.target_marks.iter() {
                    <rect class="radar-target-mark" x={format!("{:.1}", m.x - 4.5)} y={format!("{:.1}", m.y - 4.5)} width="9" height="9" />
                }
                for m in r.agreed_marks.iter() {
                    <polygon class="radar-agreed" data-testid="radar-agreed" points={format!("{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", m.x, m.y - 7.0, m.x + 7.0, m.y, m.x, m.y + 7.0, m.x - 7.0, m.y)} />
                }
                { polygon(&r.value, "radar-value") }
                for m in r.markers.iter() {
                    <circle class="radar-marker" cx={format!("{:.1}", m.x)} cy={format!("{:.1}", m.y)} r="4" />
                }
            </svg>
            <figcaption>
                <ul class="chart-key">
                    for (class, text, shown) in legend {
                        if shown { <li><span class={classes!("key-swatch", class)} aria-hidden="true"></span>{ text }</li> }
                    }
                </ul>
            </figcaption>
        </figure>
    }
}

/// The counts of a distribution in chart order: scale points, "don't know", "not
/// applicable".
pub fn counts(d: &Distribution) -> Vec<usize> {
    let mut c = d.points.clone();
    c.push(d.dont_know);
    c.push(d.not_applicable);
    c
}

/// A category's name (see [`crate::components::names::answer_categories`]).
fn category_name(categories: &[String], category: usize) -> String {
    categories.get(category).cloned().unwrap_or_default()
}

/// Stacked 100% bars, one per row (label, distribution), each label wrapped above its
/// bar, with a key and the counts in a table under "show as a table". `categories` names
/// the scale points, "don't know" and "not applicable", in that order; "not applicable"
/// is hatched (`{id}-na`), in the chart and in the key.
pub fn distribution_figure(
    id: &str,
    caption: &str,
    rows: &[(String, Distribution)],
    categories: &[String],
) -> Html {
    let chart = stacked_chart(
        &rows
            .iter()
            .map(|(label, d)| (label.clone(), counts(d)))
            .collect::<Vec<_>>(),
    );
    let hatch = format!("{id}-na");
    html! {
        <figure class="chart distribution" data-testid={id.to_string()}>
            <figcaption>{ caption.to_string() }</figcaption>
            <ul class="chart-key">
                for (c, name) in categories.iter().enumerate() {
                    <li><span class={classes!("key-swatch", format!("seg-{c}"))} aria-hidden="true"></span>{ name.clone() }</li>
                }
            </ul>
            <svg width="100%" height={px(chart.height)} role="img" aria-label={msg::distribution_alt(caption)}>
                <defs>
                    <pattern id={hatch.clone()} class="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect class="hatch-ground" width="6" height="6" />
                        <line class="hatch-line" x1="0" y1="0" x2="0" y2="6" />
                    </pattern>
                </defs>
                for (row, bar) in chart.rows.iter() {
                    <g class="bar">
                        { label_text("bar-label", &row.lines, ("0", row.label_y), LINE_HEIGHT, "start") }
                        for s in bar.segments.iter() {
                            <rect class={format!("seg-{}", s.category)} x={pct(s.x)} y={px(row.bar_y)} width={pct(s.width)} height={px(BAR_HEIGHT)}
                                fill={is_not_applicable(categories, s.category).then(|| format!("url(#{hatch})"))}>
                                <title>{ format!("{}: {}", category_name(categories, s.category), s.count) }</title>
                            </rect>
                        }
                    </g>
                }
            </svg>
            <details class="chart-table">
                <summary>{ msg::SHOW_TABLE }</summary>
                { distribution_table(rows, categories) }
            </details>
        </figure>
    }
}

/// The counts behind a distribution chart.
pub fn distribution_table(rows: &[(String, Distribution)], categories: &[String]) -> Html {
    html! {
        <table class="data-table distribution-table stack">
            <thead><tr>
                <th scope="col">{ msg::TOPIC_OR_STATEMENT }</th>
                for name in categories.iter() { <th scope="col" class="num">{ name.clone() }</th> }
            </tr></thead>
            <tbody>
                for (label, d) in rows.iter() {
                    <tr>
                        <th scope="row">{ label.clone() }</th>
                        for (n, name) in counts(d).into_iter().zip(categories) { <td class="num" data-label={name.clone()}>{ n }</td> }
                    </tr>
                }
            </tbody>
        </table>
    }
}

/// One domain's scores across rounds, with 95% intervals. As wide as its card: the
/// rounds are placed at percentages of the width, the scale in pixels.
pub fn trend_figure(title: &str, items: &[TrendItem], summary: String) -> Html {
    let t = trend(items, 1.0, 5.0);
    html! {
        <figure class="chart trend">
            <svg width="100%" height={px(t.height)} role="img" aria-label={format!("{title}. {summary}")}>
                for (y, label) in t.grid.iter() {
                    <line class="grid" x1={pct(t.plot_left)} x2="100%" y1={px(*y)} y2={px(*y)} />
                    <text class="tick" x="0" y={px(y + 5.0)}>{ label.clone() }</text>
                }
                for pair in t.line.windows(2) {
                    <line class="trend-line" x1={pct(pair[0].x)} y1={px(pair[0].y)} x2={pct(pair[1].x)} y2={px(pair[1].y)} />
                }
                for r in t.rounds.iter() {
                    if let Some((top, bottom)) = r.interval {
                        <line class="trend-interval" x1={pct(r.x)} x2={pct(r.x)} y1={px(top)} y2={px(bottom)} />
                    }
                    if let Some(p) = r.point {
                        <circle class="trend-point" cx={pct(p.x)} cy={px(p.y)} r="4" />
                    }
                    { label_text("tick", &r.lines, (&pct(r.x), t.label_y), t.line_height, "middle") }
                }
            </svg>
        </figure>
    }
}

/// The radar values of a round's topics: average, middle half, target, agreed level.
pub fn radar_values(
    analysis: &RoundAnalysis,
    instrument: &Instrument,
) -> (Vec<String>, Vec<RadarValues>, String) {
    let shown: Vec<_> = analysis
        .domains
        .iter()
        .filter(|d| instrument.is_functioning(&d.domain))
        .collect();
    let labels = shown
        .iter()
        .map(|d| domain_title(instrument, &d.domain))
        .collect();
    let values = shown
        .iter()
        .map(|d| RadarValues {
            value: d.stats.as_ref().map(|s| s.mean),
            spread: d.stats.as_ref().map(|s| (s.q1, s.q3)),
            target: d.target.map(f64::from),
            agreed: d.agreed.map(f64::from),
        })
        .collect();
    let parts: Vec<String> = shown
        .iter()
        .map(|d| {
            let value = d
                .stats
                .as_ref()
                .map_or(msg::NOT_ENOUGH_ANSWERS.to_string(), |s| format_score(s.mean));
            format!("{} {}", domain_title(instrument, &d.domain), value)
        })
        .collect();
    (labels, values, msg::radar_summary(&parts))
}
