//! A conflict in an import side by side: two copies of one response (same id and time,
//! different answers) compared on what differs, and the facilitator's choice of which to
//! keep (the first, the second, or both as separate responses).

use std::rc::Rc;

use trellis_core::format::Response;
use trellis_core::transfer::{Conflict, ConflictChoice};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::messages as msg;

#[derive(Properties, PartialEq)]
pub struct ImportConflictProps {
    pub conflict: Rc<Conflict>,
    pub instrument: Rc<Instrument>,
    /// The collaboration's partners: (id, name).
    pub partners: Rc<Vec<(String, String)>>,
    /// Each copy's sent time as the page words it (`None`: not sent).
    pub first_sent: Option<AttrValue>,
    pub second_sent: Option<AttrValue>,
    pub on_choose: Callback<ConflictChoice>,
}

/// The rows that differ between two copies, as (what, first, second); organisation,
/// role and when sent always come first.
fn differences(
    first: &Response,
    second: &Response,
    instrument: &Instrument,
    partner: &dyn Fn(&str) -> String,
    sent: (String, String),
) -> Vec<(String, String, String)> {
    let mut rows = vec![
        (
            msg::ORGANISATION_COLUMN.to_string(),
            partner(&first.organisation),
            partner(&second.organisation),
        ),
        (
            msg::ROLE_COLUMN.to_string(),
            msg::role_label(first.role).to_string(),
            msg::role_label(second.role).to_string(),
        ),
        (msg::CONFLICT_SENT.to_string(), sent.0, sent.1),
    ];
    let answer = |r: &Response, id: &str| {
        r.answers.get(id).map_or(msg::NOT_ANSWERED.to_string(), |a| {
            msg::answer_label(instrument, *a)
        })
    };
    for s in instrument.statements() {
        if first.answers.get(&s.id) != second.answers.get(&s.id) {
            rows.push((s.text.clone(), answer(first, &s.id), answer(second, &s.id)));
        }
    }
    let domains = key_union(first.levels.keys(), second.levels.keys());
    for d in domains {
        let (a, b) = (first.levels.get(d), second.levels.get(d));
        if a != b {
            let shown = |l: Option<&u8>| l.map_or(msg::NOT_ANSWERED.to_string(), u8::to_string);
            let title = instrument.domain(d).map_or(d.clone(), |x| x.title.clone());
            rows.push((msg::conflict_level(&title), shown(a), shown(b)));
        }
    }
    let commented = key_union(first.comments.keys(), second.comments.keys());
    for id in commented {
        let (a, b) = (first.comments.get(id), second.comments.get(id));
        if a != b {
            let text = instrument
                .statements()
                .iter()
                .find(|s| &s.id == id)
                .map_or(id.clone(), |s| s.text.clone());
            let shown = |c: Option<&String>| c.cloned().unwrap_or_else(|| msg::NO_COMMENT.to_string());
            rows.push((msg::conflict_comment(&text), shown(a), shown(b)));
        }
    }
    rows
}

/// One conflict: a table of what differs, and a fieldset of three choices.
#[component]
pub fn ImportConflict(props: &ImportConflictProps) -> Html {
    let c = &props.conflict;
    let partner = |id: &str| {
        props
            .partners
            .iter()
            .find(|(p, _)| p == id)
            .map_or(id.to_string(), |(_, name)| name.clone())
    };
    let sent = |s: &Option<AttrValue>| s.as_ref().map_or(msg::NOT_SENT.to_string(), |t| t.to_string());
    let rows = differences(
        &c.first,
        &c.second,
        &props.instrument,
        &partner,
        (sent(&props.first_sent), sent(&props.second_sent)),
    );
    let first = msg::first_copy(c.first_source.as_deref());
    let second = msg::second_copy(&c.source);
    let body = rows
        .into_iter()
        .map(|(what, a, b)| {
            html! {
                <tr>
                    <th scope="row">{ what }</th>
                    <td data-label={first.clone()}>{ a }</td>
                    <td data-label={second.clone()}>{ b }</td>
                </tr>
            }
        })
        .collect::<Html>();
    let name = format!("conflict-{}", c.index);
    let choices = [
        (ConflictChoice::KeepFirst, "first", msg::KEEP_FIRST),
        (ConflictChoice::KeepSecond, "second", msg::KEEP_SECOND),
        (ConflictChoice::KeepBoth, "both", msg::KEEP_BOTH),
    ];
    // Not `markup::table`: the column titles here are the two sources, not fixed text.
    html! {
        <div class="conflict-pair" data-testid="conflict">
            <div class="table-wrap" role="region" tabindex="0" aria-label={msg::conflict_legend(&c.source, c.first_source.as_deref())}>
                <table class="stack">
                    <thead><tr>
                        <th scope="col">{ msg::CONFLICT_ASKED }</th>
                        <th scope="col">{ first.clone() }</th>
                        <th scope="col">{ second.clone() }</th>
                    </tr></thead>
                    <tbody>{ body }</tbody>
                </table>
            </div>
            <fieldset>
                <legend>{ msg::conflict_legend(&c.source, c.first_source.as_deref()) }</legend>
                for (choice, key, label) in choices {
                    <div class="choice-block">
                        <input type="radio" id={format!("{name}-{key}")} name={name.clone()} checked={c.choice == choice}
                            onchange={props.on_choose.reform(move |_: Event| choice)} />
                        <label for={format!("{name}-{key}")}>{ label }</label>
                    </div>
                }
            </fieldset>
        </div>
    }
}

/// The keys of two maps, each once, in order (both maps list their keys in order). A
/// plain list rather than a set: a set of borrowed ids would bring its own copy of the
/// set code (and collecting into one, the standard sort) into the bundle.
fn key_union<'a>(
    a: impl Iterator<Item = &'a String>,
    b: impl Iterator<Item = &'a String>,
) -> Vec<&'a String> {
    let mut keys: Vec<&String> = a.collect();
    for key in b {
        if let Err(at) = keys.binary_search(&key) {
            keys.insert(at, key);
        }
    }
    keys
}
