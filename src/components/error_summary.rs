//! The error summary at the top of a form: what is wrong, each linked to its field.

use yew::prelude::*;

use crate::messages as msg;

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    /// (field id, message) pairs.
    pub errors: Vec<(AttrValue, AttrValue)>,
    pub on_select: Callback<AttrValue>,
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" role="alert" data-testid="error-summary">
            <h2>{ msg::ERROR_SUMMARY_TITLE }</h2>
            <ul>
                for (field, message) in props.errors.iter() {
                    <li>
                        <a href={format!("#{field}")} onclick={
                            let field = field.clone();
                            props.on_select.reform(move |e: MouseEvent| { e.prevent_default(); field.clone() })
                        }>{ message.clone() }</a>
                    </li>
                }
            </ul>
        </div>
    }
}
