//! The facilitator's description of a collaboration: the instrument's context questions.
//! Each answer is saved as soon as it is given.

use std::collections::BTreeMap;

use trellis_core::format::ContextAnswer;
use trellis_core::next_step::{context_answer, context_answered, ContextSource};
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
