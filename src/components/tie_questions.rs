//! The partner map's questions for one respondent: for each other partner, how the two
//! organisations work together now and how they should, each a radio group of the
//! instrument's five steps and "don't know". The steps' descriptions are shown once above
//! the questions, so each choice is short enough for a phone.

use std::collections::{BTreeMap, BTreeSet};

use trellis_core::format::{Partner, Tie};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::markup::table;
use crate::messages as msg;

/// A step of the continuum as the instrument words it: its name and plain description.
#[derive(Debug, Clone, PartialEq)]
pub struct TieStep {
    pub name: AttrValue,
    pub summary: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct TieQuestionsProps {
    /// The partners other than the respondent's own: (id, name), in the collaboration's order.
    pub partners: Vec<(AttrValue, AttrValue)>,
    /// The steps 1 to 5, in order.
    pub steps: Vec<TieStep>,
    /// The instrument's words for "don't know".
    pub dont_know: AttrValue,
    /// The ratings given so far, by partner id.
    pub ties: BTreeMap<String, Tie>,
    /// A partner's tie changed: its id and both sides as they now stand.
    pub on_change: Callback<(String, Tie)>,
}

/// Which side of a tie a radio group asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Now,
    Wanted,
}

impl Side {
    fn id(self) -> &'static str {
        match self {
            Side::Now => "now",
            Side::Wanted => "wanted",
        }
    }
    fn question(self) -> &'static str {
        match self {
            Side::Now => msg::TIE_NOW,
            Side::Wanted => msg::TIE_WANTED,
        }
    }
    fn get(self, tie: &Tie) -> Option<u8> {
        match self {
            Side::Now => tie.now,
            Side::Wanted => tie.wanted,
        }
    }
    /// `tie` with this side set to `value`.
    fn with(self, tie: Tie, value: Option<u8>) -> Tie {
        match self {
            Side::Now => Tie { now: value, ..tie },
            Side::Wanted => Tie { wanted: value, ..tie },
        }
    }
}

#[component]
pub fn TieQuestions(props: &TieQuestionsProps) -> Html {
    // "Don't know" is stored as no answer, so which groups were answered "don't know" is
    // remembered only while the page is open, to show the choice the person made.
    let dont_know = use_state(BTreeSet::<(String, Side)>::new);
    let steps = props.steps.iter().enumerate().map(|(i, s)| {
        html! {
            <li>
                <strong>{ format!("{} {}", i + 1, s.name) }</strong>
                { ": " }
                <span id={format!("tie-step-{}", i + 1)}>{ s.summary.clone() }</span>
            </li>
        }
    });
    let group = |partner: &AttrValue, side: Side| {
        let tie = props.ties.get(partner.as_str()).copied().unwrap_or_default();
        let value = side.get(&tie);
        let name = format!("tie-{partner}-{}", side.id());
        let marked = dont_know.contains(&(partner.to_string(), side));
        let choose = |chosen: Option<u8>| {
            let (on_change, dont_know, partner) =
                (props.on_change.clone(), dont_know.clone(), partner.to_string());
            Callback::from(move |_: Event| {
                let mut marks = (*dont_know).clone();
                if chosen.is_none() {
                    marks.insert((partner.clone(), side));
                } else {
                    marks.remove(&(partner.clone(), side));
                }
                dont_know.set(marks);
                on_change.emit((partner.clone(), side.with(tie, chosen)));
            })
        };
        let options = props.steps.iter().enumerate().map(|(i, s)| {
            let step = (i + 1) as u8;
            let id = format!("{name}-{step}");
            html! {
                <div class="choice">
                    <input type="radio" id={id.clone()} name={name.clone()} value={step.to_string()}
                        checked={value == Some(step)}
                        aria-describedby={format!("tie-step-{step}")}
                        onchange={choose(Some(step))} />
                    <label for={id}>{ format!("{step} {}", s.name) }</label>
                </div>
            }
        });
        let dk_id = format!("{name}-dk");
        html! {
            <fieldset class="tie-side">
                <legend>{ side.question() }</legend>
                <div class="choices tie-choices">
                    { for options }
                    <div class="choice choice-aside">
                        <input type="radio" id={dk_id.clone()} name={name.clone()} value="dk"
                            checked={value.is_none() && marked}
                            onchange={choose(None)} />
                        <label for={dk_id}>{ props.dont_know.clone() }</label>
                    </div>
                </div>
            </fieldset>
        }
    };
    html! {
        <>
            <section class="tie-steps" aria-labelledby="tie-steps-heading">
                <h2 id="tie-steps-heading">{ msg::TIES_STEPS_TITLE }</h2>
                <ul class="tie-step-list" data-testid="tie-steps">{ for steps }</ul>
            </section>
            <form class="questions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                for (id, name) in props.partners.iter() {
                    <fieldset class="question tie" data-testid={format!("tie-{id}")}>
                        <legend>{ name.clone() }</legend>
                        { group(id, Side::Now) }
                        { group(id, Side::Wanted) }
                    </fieldset>
                }
            </form>
        </>
    }
}

/// A rating in words: "3 Coordination", or that none was given.
pub fn step_label(instrument: &Instrument, step: Option<u8>) -> String {
    step.and_then(|v| {
        let level = instrument.partner_levels().iter().find(|l| l.level == v)?;
        Some(format!("{v} {}", level.name))
    })
    .unwrap_or_else(|| msg::TIE_NOT_GIVEN.to_string())
}

/// The ratings a respondent gave, a row for each other partner (for the review and for
/// what was sent).
pub fn ties_table(instrument: &Instrument, others: &[&Partner], ties: &BTreeMap<String, Tie>) -> Html {
    let rows = others.iter().map(|p| {
        let tie = ties.get(&p.id).copied().unwrap_or_default();
        html! {
            <tr>
                <th scope="row">{ p.name.clone() }</th>
                <td data-label={msg::TIE_NOW_SHORT}>{ step_label(instrument, tie.now) }</td>
                <td data-label={msg::TIE_WANTED_SHORT}>{ step_label(instrument, tie.wanted) }</td>
            </tr>
        }
    });
    table(
        Some("ties-review"),
        None,
        None,
        &[msg::TIE_PARTNER, msg::TIE_NOW_SHORT, msg::TIE_WANTED_SHORT],
        rows.collect(),
    )
}
