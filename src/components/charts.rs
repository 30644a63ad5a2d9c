//! SVG charts drawn from geometry computed in trellis-core: the radar of domains (and
//! the values it shows for a round), the stacked distribution of answers, and a
//! domain's trend across rounds. Each chart is a
//! figure whose SVG has a title and description, with the numbers in a table nearby.
//!
//! These are plain functions, not components: they hold no state, and a function keeps
//! the bundle smaller than a component would.

use trellis_core::analysis::{Distribution, RoundAnalysis};
use trellis_core::chart::{points_text, radar, stacked_bar, trend, Point, RadarValues, TrendItem};
use trellis_core::scoring::format_score;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::names::domain_title;
use crate::messages as msg;

/// Width of the plotting area of a distribution bar.
const BAR_WIDTH: f64 = 360.0;

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
            <svg viewBox={format!("0 0 {} {}", r.width, r.height)} role="img" aria-labelledby="radar-title radar-desc">
                <title id="radar-title">{ msg::RADAR_TITLE }</title>
                <desc id="radar-desc">{ summary }</desc>
                for (label, ring) in r.rings.iter() {
                    <g class="radar-ring">
                        { polygon(ring, "radar-grid") }
                        <text x={format!("{:.1}", r.centre.x + 4.0)} y={format!("{:.1}", ring.first().map_or(0.0, |p| p.y) - 2.0)} class="radar-tick">{ label.clone() }</text>
                    </g>
                }
                for axis in r.axes.iter() {
                    <line class="radar-axis" x1={format!("{:.1}", r.centre.x)} y1={format!("{:.1}", r.centre.y)} x2={format!("{:.1}", axis.end.x)} y2={format!("{:.1}", axis.end.y)} />
                    <text class="radar-label" x={format!("{:.1}", axis.label_at.x)} y={format!("{:.1}", axis.label_at.y)} text-anchor={axis.anchor}>{ axis.label.clone() }</text>
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

/// Stacked 100% bars, one per row (label, distribution), with a key and the counts
/// in a table under "show as a table". `categories` names the scale points, "don't
/// know" and "not applicable", in that order.
pub fn distribution_figure(
    id: &str,
    caption: &str,
    rows: &[(String, Distribution)],
    categories: &[String],
) -> Html {
    let row_h = 30.0;
    let left = 300.0;
    let height = row_h * rows.len() as f64 + 6.0;
    html! {
        <figure class="chart distribution" data-testid={id.to_string()}>
            <figcaption>{ caption.to_string() }</figcaption>
            <ul class="chart-key">
                for (c, name) in categories.iter().enumerate() {
                    <li><span class={classes!("key-swatch", format!("seg-{c}"))} aria-hidden="true"></span>{ name.clone() }</li>
                }
            </ul>
            <svg viewBox={format!("0 0 {} {height}", left + BAR_WIDTH + 10.0)} role="img" aria-label={msg::distribution_alt(caption)}>
                for (k, (label, d)) in rows.iter().enumerate() {
                    <g transform={format!("translate(0 {})", k as f64 * row_h)}>
                        <text x={format!("{}", left - 8.0)} y="19" text-anchor="end" class="bar-label">{ label.clone() }</text>
                        for s in stacked_bar(&counts(d), BAR_WIDTH).segments {
                            <rect class={format!("seg-{}", s.category)} x={format!("{:.1}", left + s.x)} y="4" width={format!("{:.1}", s.width)} height="20">
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
        <table class="data-table distribution-table">
            <thead><tr>
                <th scope="col">{ msg::TOPIC_OR_STATEMENT }</th>
                for name in categories.iter() { <th scope="col" class="num">{ name.clone() }</th> }
            </tr></thead>
            <tbody>
                for (label, d) in rows.iter() {
                    <tr>
                        <th scope="row">{ label.clone() }</th>
                        for n in counts(d) { <td class="num">{ n }</td> }
                    </tr>
                }
            </tbody>
        </table>
    }
}

/// One domain's scores across rounds, with 95% intervals.
pub fn trend_figure(title: &str, items: &[TrendItem], summary: String) -> Html {
    let t = trend(items, 1.0, 5.0);
    html! {
        <figure class="chart trend">
            <svg viewBox={format!("0 0 {} {}", t.width, t.height)} role="img" aria-label={format!("{title}. {summary}")}>
                for (y, label) in t.grid.iter() {
                    <line class="grid" x1="30" x2={format!("{}", t.width - 10.0)} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                    <text class="tick" x="24" y={format!("{:.1}", y + 4.0)} text-anchor="end">{ label.clone() }</text>
                }
                <polyline class="trend-line" points={points_text(&t.line)} />
                for r in t.rounds.iter() {
                    if let Some((top, bottom)) = r.interval {
                        <line class="trend-interval" x1={format!("{:.1}", r.x)} x2={format!("{:.1}", r.x)} y1={format!("{top:.1}")} y2={format!("{bottom:.1}")} />
                    }
                    if let Some(p) = r.point {
                        <circle class="trend-point" cx={format!("{:.1}", p.x)} cy={format!("{:.1}", p.y)} r="4" />
                    }
                    <text class="tick" x={format!("{:.1}", r.x)} y={format!("{}", t.height - 18.0)} text-anchor="middle">{ r.label.clone() }</text>
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
