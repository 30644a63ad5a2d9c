//! The comparison of many collaborations from their summary files: each topic's spread
//! across collaborations as a strip (SVG, geometry from `trellis_core::chart::spread`)
//! with the same figures in a table, where the highlighted collaboration sits, and
//! change over rounds. A pure view: the page reads the files and picks the highlight.

use std::rc::Rc;

use trellis_core::chart::spread;
use trellis_core::scoring::format_score;
use trellis_core::summary::{Member, Overview};
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::components::charts::{pct, px};
use crate::components::markup::table;
use crate::messages as msg;

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    pub overview: Rc<Overview>,
    /// Files used (after duplicates were counted once).
    pub files: usize,
    /// The key of the highlighted collaboration, if any.
    pub highlight: Option<AttrValue>,
    pub on_highlight: Callback<Option<String>>,
}

/// A collaboration's name in lists: its label, with the start of its key when another
/// collaboration has the same label.
fn display_name(all: &[Member], m: &Member) -> String {
    if all.iter().filter(|o| o.label == m.label).count() > 1 {
        format!("{} ({})", m.label, &m.key[..m.key.len().min(6)])
    } else {
        m.label.clone()
    }
}

fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), format_score)
}

#[component]
pub fn Comparison(props: &ComparisonProps) -> Html {
    let o = &props.overview;
    let chosen = props
        .highlight
        .as_ref()
        .and_then(|k| o.collaborations.iter().find(|m| m.key == k.as_str()));
    let chosen_name = chosen.map(|m| display_name(&o.collaborations, m));
    let onchange = props.on_highlight.reform(|e: Event| {
        let key = event_value(&e);
        (!key.is_empty()).then_some(key)
    });
    let with_rounds = o.changes.len();
    let strips = o.domains.iter().map(|d| {
        let marker = d.highlight.as_ref().and_then(|h| h.mean);
        let s = spread(d.means.as_ref(), &d.values, marker, 1.0, 5.0);
        let title_id = format!("spread-{}-title", d.id);
        let standing = match (&d.highlight, &chosen_name) {
            (Some(h), Some(name)) => {
                msg::compare_standing(name, h, d.collaborations.saturating_sub(usize::from(h.mean.is_some())))
            }
            _ => String::new(),
        };
        html! {
            <li class="spread" data-testid={format!("spread-{}", d.id)}>
                <h3 id={title_id.clone()}>{ d.title.clone() }</h3>
                <svg width="100%" height="46" role="img" aria-labelledby={title_id} aria-describedby="spread-table">
                    for t in s.ticks.iter() {
                        <g class="tick">
                            <line x1={pct(t.x)} x2={pct(t.x)} y1="0" y2="30" />
                            <text x={pct(t.x)} y="44" text-anchor={t.anchor}>{ t.label.clone() }</text>
                        </g>
                    }
                    if let Some([low, q1, median, q3, high]) = s.five {
                        <line class="spread-whisker" x1={pct(low)} x2={pct(high)} y1="15" y2="15" />
                        <rect class="spread-box" x={pct(q1)} width={pct((q3 - q1).max(0.002))} y="6" height="18" />
                        <line class="spread-median" x1={pct(median)} x2={pct(median)} y1="4" y2="26" />
                    }
                    for x in s.dots.iter() {
                        <circle class="spread-dot" cx={pct(*x)} cy="15" r={px(3.0)} />
                    }
                    if let Some(x) = s.marker {
                        <line class="spread-marker" data-testid="spread-marker" x1={pct(x)} x2={pct(x)} y1="0" y2="30" />
                    }
                </svg>
                if !standing.is_empty() {
                    <p class="spread-standing" data-testid="standing">{ standing }</p>
                }
            </li>
        }
    });
    let spread_rows = o.domains.iter().map(|d| {
        let five = |f: fn(&trellis_core::summary::FiveNumbers) -> f64| score(d.means.as_ref().map(f));
        // Two figures as one span ("2.1 to 4.2"), so the table fits a page's width.
        let span = |low: fn(&trellis_core::summary::FiveNumbers) -> f64,
                    high: fn(&trellis_core::summary::FiveNumbers) -> f64| {
            d.means
                .as_ref()
                .map_or_else(|| score(None), |f| msg::compare_span(&score(Some(low(f))), &score(Some(high(f)))))
        };
        let cells = [
            (msg::COMPARE_COUNT, d.collaborations.to_string()),
            (msg::COMPARE_MEDIAN, five(|f| f.median)),
            (msg::COMPARE_MIDDLE, span(|f| f.q1, |f| f.q3)),
            (msg::COMPARE_RANGE, span(|f| f.min, |f| f.max)),
            (msg::COMPARE_MEDIAN_LEVEL, d.levels.map_or_else(|| "–".to_string(), |l| format!("{}", l.median))),
        ];
        html! {
            <tr data-testid={format!("spread-row-{}", d.id)}>
                <th scope="row">{ d.title.clone() }
                    if d.withheld > 0 { <span class="meta">{ format!(" ({})", msg::compare_withheld(d.withheld)) }</span> }
                </th>
                for (label, value) in cells { <td data-label={label}>{ value }</td> }
                if let Some(name) = &chosen_name {
                    <td data-label={name.clone()}>{ score(d.highlight.as_ref().and_then(|h| h.mean)) }</td>
                }
            </tr>
        }
    });
    let mut columns = vec![
        msg::COMPARE_TOPIC,
        msg::COMPARE_COUNT,
        msg::COMPARE_MEDIAN,
        msg::COMPARE_MIDDLE,
        msg::COMPARE_RANGE,
        msg::COMPARE_MEDIAN_LEVEL,
    ];
    // The highlighted collaboration's column is named by it; `table` takes static
    // titles, so its header is written here.
    let spread_table = html! {
        <div class="table-wrap" role="region" tabindex="0" aria-label={msg::COMPARE_TABLE_CAPTION}>
            <table id="spread-table" data-testid="spread-table" class="stack">
                <caption>{ msg::COMPARE_TABLE_CAPTION }</caption>
                <thead><tr>
                    for c in columns.drain(..) { <th scope="col">{ c }</th> }
                    if let Some(name) = &chosen_name { <th scope="col">{ name.clone() }</th> }
                </tr></thead>
                <tbody>{ for spread_rows }</tbody>
            </table>
        </div>
    };
    let change_rows = o.domains.iter().map(|d| {
        html! {
            <tr>
                <th scope="row">{ d.title.clone() }</th>
                <td data-label={msg::COMPARE_ROSE}>{ d.rose }</td>
                <td data-label={msg::COMPARE_STAYED}>{ d.stayed }</td>
                <td data-label={msg::COMPARE_FELL}>{ d.fell }</td>
            </tr>
        }
    });
    let own_change = chosen.and_then(|m| o.changes.iter().find(|c| c.key == m.key)).map(|c| {
        let rows = c.domains.iter().map(|m| {
            let title = o.domains.iter().find(|d| d.id == m.id).map_or(m.id.clone(), |d| d.title.clone());
            let average = if m.questions_changed {
                msg::COMPARE_QUESTIONS_CHANGED.to_string()
            } else {
                format!("{} → {}", score(m.first_mean), score(m.latest_mean))
            };
            html! {
                <tr>
                    <th scope="row">{ title }</th>
                    <td data-label={msg::COMPARE_LEVEL}>{ msg::level_change_short(m.first_level, m.latest_level) }</td>
                    <td data-label={msg::COMPARE_AVERAGE}>{ average }</td>
                </tr>
            }
        });
        let caption = msg::compare_own_change(chosen_name.as_deref().unwrap_or_default(), c.first_round, c.latest_round);
        html! {
            <div class="table-wrap" role="region" tabindex="0" aria-label={caption.clone()}>
                <table data-testid="own-change" class="stack">
                    <caption>{ caption }</caption>
                    <thead><tr>
                        <th scope="col">{ msg::COMPARE_TOPIC }</th>
                        <th scope="col">{ msg::COMPARE_LEVEL }</th>
                        <th scope="col">{ msg::COMPARE_AVERAGE }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        }
    });
    html! {
        <>
            <p data-testid="compare-counts">{ msg::compare_counts(props.files, o.collaborations.len(), with_rounds) }</p>
            <div class="field">
                <label for="compare-highlight">{ msg::COMPARE_HIGHLIGHT }</label>
                <select id="compare-highlight" {onchange}>
                    <option value="" selected={chosen.is_none()}>{ msg::COMPARE_NO_HIGHLIGHT }</option>
                    for m in o.collaborations.iter() {
                        <option value={m.key.clone()} selected={chosen.is_some_and(|c| c.key == m.key)}>{ display_name(&o.collaborations, m) }</option>
                    }
                </select>
            </div>
            if !o.versions.is_empty() {
                <p class="notice" data-testid="compare-versions">{ msg::compare_versions(&o.versions) }</p>
            }
            <section aria-labelledby="spread-heading">
                <h2 id="spread-heading">{ msg::COMPARE_SPREAD_TITLE }</h2>
                <p class="hint">{ msg::COMPARE_SPREAD_LEAD }</p>
                <ul class="spread-list">{ for strips }</ul>
                { spread_table }
            </section>
            <section aria-labelledby="change-heading">
                <h2 id="change-heading">{ msg::COMPARE_CHANGE_TITLE }</h2>
                if with_rounds == 0 {
                    <p>{ msg::COMPARE_CHANGE_NONE }</p>
                } else {
                    { table(Some("change-table"), None, Some(msg::COMPARE_CHANGE_CAPTION),
                        &[msg::COMPARE_TOPIC, msg::COMPARE_ROSE, msg::COMPARE_STAYED, msg::COMPARE_FELL], change_rows.collect()) }
                }
                { own_change.unwrap_or_default() }
            </section>
        </>
    }
}
