//! The facilitator's description of a collaboration: the instrument's context questions.
//! Each answer is saved as soon as it is given, as the context of the collaboration's
//! open rounds and of rounds added later; closed rounds keep theirs (the page says which).

use std::collections::BTreeMap;

use trellis_core::format::{Collaboration, ContextAnswer, Round, RoundStatus};
use trellis_core::next_step::{context_answer, context_answered, ContextSource};
use trellis_core::workspace::context_changes;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::markup::hint;
use crate::components::{ContextInput, ContextQuestion};
use crate::messages as msg;
use crate::pages::find_collaboration;
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ContextProps {
    pub id: AttrValue,
}

/// Reads the number field: empty clears the answer; anything else must be a whole number.
pub fn parse_number(text: &str) -> Result<Option<ContextAnswer>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>()
        .map(|n| Some(ContextAnswer::Number(n)))
        .map_err(|_| msg::WHOLE_NUMBER)
}

/// A context question's wording (its id, for a question this instrument does not ask).
pub fn question_text(instrument: &Instrument, question: &str) -> String {
    instrument
        .context()
        .iter()
        .find(|q| q.id == question)
        .map_or_else(|| question.to_string(), |q| q.question.clone())
}

/// A context answer in words: the options' labels in quotes, a number, or "not answered".
pub fn answer_text(instrument: &Instrument, question: &str, answer: Option<&ContextAnswer>) -> String {
    let q = instrument.context().iter().find(|q| q.id == question);
    let label = |id: &String| {
        let option = q.and_then(|q| q.options.iter().find(|o| &o.id == id));
        msg::quoted(option.map_or(id.as_str(), |o| o.label.as_str()))
    };
    match answer {
        None => msg::CONTEXT_NOT_ANSWERED.to_string(),
        Some(ContextAnswer::Number(n)) => n.to_string(),
        Some(ContextAnswer::One(o)) => label(o),
        Some(ContextAnswer::Many(list)) => msg::and_list(&list.iter().map(label).collect::<Vec<_>>()),
    }
}

/// Which rounds these answers reach, and any open round read under other answers.
fn applies_to(collaboration: &Collaboration, instrument: &Instrument) -> Html {
    let mut rounds: Vec<&Round> = collaboration.rounds.iter().collect();
    rounds.sort_by(|a, b| (&a.date, a.created).cmp(&(&b.date, b.created)));
    let names = |status: RoundStatus| -> Vec<String> {
        rounds
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.name.clone())
            .collect()
    };
    let differs = rounds
        .iter()
        .filter(|r| r.status == RoundStatus::Open)
        .filter_map(|r| {
            let changed: Vec<String> = context_changes(instrument, &collaboration.context, &r.context)
                .iter()
                .map(|c| question_text(instrument, &c.question))
                .collect();
            (!changed.is_empty()).then(|| msg::context_differs(&r.name, &changed))
        });
    html! {
        <>
            <p data-testid="context-applies">{ msg::context_applies(&names(RoundStatus::Open), &names(RoundStatus::Closed)) }</p>
            for text in differs { <p class="notice notice-warning">{ text }</p> }
        </>
    }
}

#[component]
pub fn ContextPage(props: &ContextProps) -> Html {
    let app = use_app_state();
    // Number fields whose text could not be read, by question id: the message and the
    // text as typed, which stays in the field.
    let errors = use_state(BTreeMap::<String, (AttrValue, AttrValue)>::new);
    let (collaboration, instrument) = match find_collaboration(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let answered = context_answered(collaboration, instrument);
    let questions = instrument.context().iter().map(|q| {
        let on_input = {
            let (app, errors, collaboration_id, question) =
                (app.clone(), errors.clone(), collaboration.id.clone(), q.id.clone());
            Callback::from(move |input: ContextInput| {
                let (answer, typed) = match input {
                    ContextInput::Answer(a) => (Ok(a), String::new()),
                    ContextInput::NumberText(text) => (parse_number(&text), text),
                };
                let mut next = (*errors).clone();
                match answer {
                    Ok(a) => {
                        next.remove(&question);
                        app.set_context(&collaboration_id, &question, a);
                    }
                    Err(message) => {
                        next.insert(question.clone(), (message.into(), typed.into()));
                    }
                }
                errors.set(next);
            })
        };
        // The number of partners is known from set-up: shown filled in, and only saved
        // when the facilitator gives another number.
        let source = context_answer(collaboration, instrument, &q.id);
        let note = match source {
            Some(ContextSource::FromPartners(n)) => Some(AttrValue::from(msg::partners_from_setup(n))),
            _ => None,
        };
        html! {
            <ContextQuestion
                key={q.id.clone()}
                id={q.id.clone()}
                question={q.question.clone()}
                help={q.help.clone()}
                kind={q.kind}
                options={q.options.iter().map(|o| (AttrValue::from(o.id.clone()), AttrValue::from(o.label.clone()))).collect::<Vec<_>>()}
                current={source.map(|s| s.answer())}
                {note}
                error={errors.get(&q.id).map(|(m, _)| m.clone())}
                typed={errors.get(&q.id).map(|(_, t)| t.clone())}
                {on_input}
            />
        }
    });
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link></p>
            <h1 tabindex="-1">{ msg::context_title(&collaboration.name) }</h1>
            <p class="lead">{ msg::CONTEXT_LEAD }</p>
            { hint(msg::CONTEXT_SAVED) }
            { applies_to(collaboration, instrument) }
            <p data-testid="context-count" role="status">{ msg::context_answered(answered, instrument.context().len()) }</p>
            if let Some(n) = app.notice.clone() {
                <p class="notice notice-warning" role="alert">{ n }</p>
            }
            <form class="context-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for questions }
            </form>
            <p><Link to={Route::Collaboration { id: collaboration.id.clone() }} classes="button">{ msg::DONE }</Link></p>
        </>
    }
}
