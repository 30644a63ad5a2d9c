//! The partner map's results (docs/scoring.md, "Partner map"): the partner-by-partner
//! matrix as a heat map, the same figures in a table in words (the map's text
//! alternative), and the concerns it raises: partners who see their relationship
//! differently, relationships far from where people want them, and partners with few
//! close ties. Hidden cells say only that fewer than the minimum group answered.
//!
//! Plain functions rather than components, like the charts: they hold no state.

use trellis_core::analysis::{
    CellView, FarFromWanted, FewStrongTies, PairCell, PartnerMap, SeenDifferently, TieFigure, STRONG_TIE,
};
use trellis_core::chart::heat_shade;
use trellis_core::format::TIE_STEPS;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::markup::table;
use crate::messages as msg;

/// Words for the map: partner names and the instrument's step names.
struct Words<'a> {
    partners: &'a [(String, String)],
    steps: Vec<String>,
}

impl<'a> Words<'a> {
    fn new(instrument: &Instrument, partners: &'a [(String, String)]) -> Words<'a> {
        Words {
            partners,
            steps: instrument
                .partner_levels()
                .iter()
                .map(|l| l.name.clone())
                .collect(),
        }
    }
    fn partner(&self, id: &str) -> String {
        self.partners
            .iter()
            .find(|(p, _)| p == id)
            .map_or_else(|| id.to_string(), |(_, name)| name.clone())
    }
    /// A median in words: "3 Coordination", "2.5, between Cooperation and Coordination".
    fn step(&self, value: f64) -> String {
        msg::tie_step(&self.steps, value)
    }
    /// A median as a number only, for the map's cells: "3", "2.5".
    fn short(value: f64) -> String {
        if (value - value.round()).abs() < 1e-9 {
            format!("{}", value.round())
        } else {
            format!("{value:.1}")
        }
    }
}

/// The partner map section of the results and the board report's appendix.
pub fn partner_map_section(
    map: &PartnerMap,
    instrument: &Instrument,
    partners: &[(String, String)],
    min_group: usize,
) -> Html {
    let words = Words::new(instrument, partners);
    let any_shown = map.cells.iter().any(|c| c.figures().is_some());
    html! {
        <section aria-labelledby="partner-map-heading" class="partner-map" data-testid="partner-map">
            <h2 id="partner-map-heading">{ msg::PARTNER_MAP_TOPIC }</h2>
            <p>{ msg::PARTNER_MAP_LEAD }</p>
            if any_shown {
                { heat_map(map, &words, min_group) }
                { figures_table(map, &words, min_group) }
                { concerns(map, &words) }
            } else {
                <p class="notice" data-testid="partner-map-none">{ msg::partner_map_none_shown(min_group) }</p>
            }
            <p class="hint">{ msg::partner_map_rule(min_group, &words.step(STRONG_TIE)) }</p>
        </section>
    }
}

/// The concerns in a few lines, for the board report's summary (which should fit two
/// pages): the largest of each concern, then how many more the appendix lists; nothing
/// when there are none.
pub fn partner_map_summary(map: &PartnerMap, instrument: &Instrument, partners: &[(String, String)]) -> Html {
    if !map.has_concerns() {
        return Html::default();
    }
    let words = Words::new(instrument, partners);
    let lines: Vec<String> = [
        map.seen_differently.first().map(|s| seen_line(s, &words)),
        map.far_from_wanted.first().map(|f| far_line(f, &words)),
        map.few_strong_ties.first().map(|f| few_line(f, &words)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let all = map.seen_differently.len() + map.far_from_wanted.len() + map.few_strong_ties.len();
    let more = all - lines.len();
    html! {
        <section aria-labelledby="r-partner-map" class="partner-map-summary" data-testid="report-partner-map">
            <h2 id="r-partner-map">{ msg::PARTNER_MAP_TOPIC }</h2>
            <ul>
                for line in lines { <li>{ line }</li> }
            </ul>
            if more > 0 { <p>{ msg::more_in_appendix(more) }</p> }
        </section>
    }
}

fn seen_line(s: &SeenDifferently, words: &Words) -> String {
    let (a, b) = (words.partner(&s.a), words.partner(&s.b));
    msg::seen_differently_line(
        &a,
        &words.step(s.a_now),
        &b,
        &words.step(s.b_now),
        &msg::steps_apart(s.difference()),
    )
}

fn far_line(f: &FarFromWanted, words: &Words) -> String {
    msg::far_from_wanted_line(
        &words.partner(&f.from),
        &words.partner(&f.to),
        &words.step(f.now),
        &words.step(f.wanted),
        &msg::steps_apart(f.gap()),
    )
}

fn few_line(f: &FewStrongTies, words: &Words) -> String {
    msg::few_strong_ties_line(&words.partner(&f.partner), f.strong, f.others)
}

/// The matrix drawn as shaded cells: rows the partner whose people answered, columns the
/// partner they were asked about (by number, so the map fits a phone), each cell "now →
/// wanted". The table after it says the same in words, so screen readers take that and
/// the drawing is one image with a name.
fn heat_map(map: &PartnerMap, words: &Words, min_group: usize) -> Html {
    let numbers = 1..=map.partners.len();
    let rows = map.partners.iter().enumerate().map(|(i, from)| {
        let cells = map.partners.iter().map(|to| match map.cell(from, to) {
            None => html! { <td class="pm-self"></td> },
            Some(cell) => heat_cell(cell, min_group),
        });
        html! {
            <tr>
                <th scope="row">{ format!("{} {}", i + 1, words.partner(from)) }</th>
                { for cells }
            </tr>
        }
    });
    let shades = words.steps.iter().enumerate().map(|(i, name)| {
        let shade = heat_shade((i + 1) as f64, 1.0, f64::from(TIE_STEPS));
        html! { <li><span class={classes!("key-swatch", format!("heat-{shade}"))}></span>{ format!("{} {name}", i + 1) }</li> }
    });
    html! {
        <figure class="partner-map-figure">
            <div class="table-wrap partner-map-scroll" role="img" tabindex="0" aria-label={msg::PARTNER_MAP_FIGURE}
                data-testid="partner-heatmap">
                <table class="partner-matrix">
                    <thead><tr>
                        <td></td>
                        for n in numbers { <th scope="col">{ n }</th> }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <figcaption>
                <p class="hint">{ msg::PARTNER_MAP_KEY }</p>
                <p class="hint">{ msg::PARTNER_MAP_SHADES }</p>
                <ul class="chart-key">{ for shades }</ul>
            </figcaption>
        </figure>
    }
}

/// One cell of the drawn map: shaded by how the two work together now.
fn heat_cell(cell: &PairCell, min_group: usize) -> Html {
    match &cell.view {
        CellView::NotRated => html! { <td class="pm-blank"></td> },
        CellView::Suppressed => html! { <td class="pm-hidden">{ msg::fewer_than_people(min_group) }</td> },
        CellView::Shown(f) => {
            let side =
                |t: &Option<TieFigure>| t.as_ref().map_or("–".to_string(), |t| Words::short(t.median));
            let shade = f
                .now
                .as_ref()
                .map(|t| format!("heat-{}", heat_shade(t.median, 1.0, f64::from(TIE_STEPS))));
            html! {
                <td class={classes!("pm-shown", shade)}>{ format!("{} \u{2192} {}", side(&f.now), side(&f.wanted)) }</td>
            }
        }
    }
}

/// Every cell of the matrix as a row in words: whose people, about whom, how many
/// answered (only when at least the minimum group did), and both sides with their average.
fn figures_table(map: &PartnerMap, words: &Words, min_group: usize) -> Html {
    let side = |t: &Option<TieFigure>| {
        t.as_ref().map_or_else(
            || msg::too_few_gave(min_group),
            |t| msg::tie_figure(&words.steps, t.median, t.mean),
        )
    };
    let rows = map.cells.iter().map(|c| {
        let (answered, now, wanted) = match &c.view {
            CellView::NotRated => (msg::NOBODY_ANSWERED.to_string(), "–".to_string(), "–".to_string()),
            CellView::Suppressed => (msg::hidden_cell(min_group), "–".to_string(), "–".to_string()),
            CellView::Shown(f) => (f.raters.to_string(), side(&f.now), side(&f.wanted)),
        };
        html! {
            <tr data-testid={format!("pair-{}-{}", c.from, c.to)}>
                <th scope="row">{ words.partner(&c.from) }</th>
                <td data-label={msg::ABOUT_PARTNER}>{ words.partner(&c.to) }</td>
                <td data-label={msg::HOW_MANY_ANSWERED}>{ answered }</td>
                <td data-label={msg::TIE_NOW_SHORT}>{ now }</td>
                <td data-label={msg::TIE_WANTED_SHORT}>{ wanted }</td>
            </tr>
        }
    });
    table(
        Some("partner-map-table"),
        None,
        Some(msg::PARTNER_MAP_TABLE),
        &[
            msg::PEOPLE_FROM,
            msg::ABOUT_PARTNER,
            msg::HOW_MANY_ANSWERED,
            msg::TIE_NOW_SHORT,
            msg::TIE_WANTED_SHORT,
        ],
        rows.collect(),
    )
}

/// The three concerns, each a list in words; or that nothing stands out.
fn concerns(map: &PartnerMap, words: &Words) -> Html {
    if !map.has_concerns() {
        return html! { <p data-testid="partner-map-calm">{ msg::PARTNER_MAP_NOTHING_STANDS_OUT }</p> };
    }
    let seen = map
        .seen_differently
        .iter()
        .map(|s| html! { <li>{ seen_line(s, words) }</li> });
    let far = map
        .far_from_wanted
        .iter()
        .map(|f| html! { <li>{ far_line(f, words) }</li> });
    let few = map
        .few_strong_ties
        .iter()
        .map(|f| html! { <li>{ few_line(f, words) }</li> });
    html! {
        <>
            if !map.seen_differently.is_empty() {
                <h3>{ msg::SEEN_DIFFERENTLY_TITLE }</h3>
                <ul data-testid="pm-seen-differently">{ for seen }</ul>
            }
            if !map.far_from_wanted.is_empty() {
                <h3>{ msg::FAR_FROM_WANTED_TITLE }</h3>
                <ul data-testid="pm-far-from-wanted">{ for far }</ul>
            }
            if !map.few_strong_ties.is_empty() {
                <h3>{ msg::FEW_STRONG_TIES_TITLE }</h3>
                <ul data-testid="pm-few-strong-ties">{ for few }</ul>
            }
        </>
    }
}
