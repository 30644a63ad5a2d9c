//! One statement as a radio group (fieldset and legend), with an optional comment.

use std::rc::Rc;

use trellis_core::format::Answer;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::messages as msg;

/// One answer a respondent can pick, with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub answer: Answer,
    pub label: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    /// The statement id; also the stem of every element id in the group.
    pub id: AttrValue,
    pub number: usize,
    pub text: AttrValue,
    pub choices: Rc<Vec<Choice>>,
    pub selected: Option<Answer>,
    #[prop_or_default]
    pub comment: AttrValue,
    pub on_answer: Callback<Option<Answer>>,
    pub on_comment: Callback<String>,
}

#[component]
pub fn Question(props: &QuestionProps) -> Html {
    let name = format!("answer-{}", props.id);
    let comment_id = format!("comment-{}", props.id);
    let choices = props.choices.iter().map(|choice| {
        let code = choice.answer.code();
        let input_id = format!("{name}-{code}");
        let answer = choice.answer;
        let scale_class = if matches!(answer, Answer::Scale(_)) {
            "choice"
        } else {
            "choice choice-aside"
        };
        html! {
            <div class={scale_class}>
                <input
                    type="radio"
                    id={input_id.clone()}
                    name={name.clone()}
                    value={code}
                    checked={props.selected == Some(answer)}
                    onchange={props.on_answer.reform(move |_| Some(answer))}
                />
                <label for={input_id}>{ choice.label.clone() }</label>
            </div>
        }
    });
    let on_comment = props.on_comment.reform(|e: InputEvent| event_value(&e));
    let on_clear = props.on_answer.reform(|_| None);
    html! {
        <fieldset class="question" data-testid={format!("question-{}", props.id)}>
            <legend>
                <span class="question-number">{ format!("{}. ", props.number) }</span>
                { props.text.clone() }
            </legend>
            <div class="choices">{ for choices }</div>
            if props.selected.is_some() {
                <button type="button" class="link-button" onclick={on_clear}>
                    { msg::CLEAR_ANSWER }
                </button>
            }
            <details class="comment" open={!props.comment.is_empty()}>
                <summary>{ msg::ADD_COMMENT }</summary>
                <label for={comment_id.clone()}>{ msg::COMMENT_LABEL }</label>
                <textarea
                    id={comment_id}
                    rows="3"
                    maxlength={trellis_core::workspace::MAX_COMMENT.to_string()}
                    value={props.comment.clone()}
                    oninput={on_comment}
                />
            </details>
        </fieldset>
    }
}
