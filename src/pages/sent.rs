//! After answering from an invitation: send the answers back as a file, a code (plain or
//! protected with a passphrase) or an email draft, and see what was sent.

use trellis_core::format::Response;
use trellis_core::transfer::{encode_envelope, encode_response_code, response_file_json};
use yew::prelude::*;

use crate::browser;
use crate::browser::crypto::CryptoError;
use crate::browser::dom::event_value;
use crate::messages as msg;
use crate::pages::find_round;
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct SentProps {
    pub id: AttrValue,
}

/// A `mailto:` link with the code in the body (percent-encoded).
fn mailto(contact: &str, subject: &str, body: &str) -> String {
    let enc = |t: &str| {
        t.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "mailto:{}?subject={}&body={}",
        enc(contact).replace("%40", "@"),
        enc(subject),
        enc(body)
    )
}

#[component]
pub fn SentPage(props: &SentProps) -> Html {
    let app = use_app_state();
    let copied = use_state(|| None::<bool>);
    let passphrase = use_state(String::new);
    let repeat = use_state(String::new);
    let sealed = use_state(|| None::<Result<String, String>>);
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let latest: Option<&Response> = app
        .workspace
        .responses_for(&round.id)
        .filter(|r| r.submitted.is_some())
        .max_by_key(|r| r.submitted);
    let Some(response) = latest else {
        return html! {
            <>
                <h1 tabindex="-1">{ msg::NOTHING_SENT_TITLE }</h1>
                <Link to={Route::AnswerStart { id: round.id.clone() }} classes="button">{ msg::ANSWER_ROUND }</Link>
            </>
        };
    };
    let code = encode_response_code(instrument, &round.mode, response);
    let contact = collaboration
        .invited
        .as_ref()
        .and_then(|i| i.contact.clone())
        .or_else(|| collaboration.contact.clone());
    let subject = msg::email_subject(&collaboration.name, &round.name);
    let copy = |text: String| {
        let copied = copied.clone();
        Callback::from(move |_| {
            let (text, copied) = (text.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(
                async move { copied.set(Some(browser::files::copy(&text).await)) },
            );
        })
    };
    let on_download = {
        let text = response_file_json(instrument, response);
        let name = msg::response_file_name(&round.name, &round.date);
        Callback::from(move |_| {
            let _ = browser::files::download(&name, &text, "application/json");
        })
    };
    let on_protect = {
        let (passphrase, repeat, sealed, code) =
            (passphrase.clone(), repeat.clone(), sealed.clone(), code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if passphrase.chars().count() < 8 {
                sealed.set(Some(Err(msg::PASSPHRASE_SHORT.to_string())));
                return;
            }
            if *passphrase != *repeat {
                sealed.set(Some(Err(msg::PASSPHRASE_DIFFERENT.to_string())));
                return;
            }
            let (pass, sealed, code) = ((*passphrase).clone(), sealed.clone(), code.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match browser::crypto::seal(&pass, code.as_bytes()).await {
                    Ok(envelope) => Ok(encode_envelope(&envelope)),
                    Err(CryptoError::Unavailable) => Err(msg::CRYPTO_UNAVAILABLE.to_string()),
                    Err(e) => Err(msg::crypto_failed(&format!("{e:?}"))),
                };
                sealed.set(Some(result));
            });
        })
    };
    let answered = response.answers.len();
    html! {
        <>
            <h1 tabindex="-1">{ msg::SEND_BACK_TITLE }</h1>
            <p class="lead">{ msg::send_back_lead(&collaboration.name) }</p>
            <section aria-labelledby="file-heading">
                <h2 id="file-heading">{ msg::SEND_FILE }</h2>
                <p>{ msg::SEND_FILE_HOW }</p>
                <button type="button" class="button" onclick={on_download}>{ msg::DOWNLOAD_FILE }</button>
            </section>
            <section aria-labelledby="code-heading">
                <h2 id="code-heading">{ msg::SEND_CODE }</h2>
                <p>{ msg::SEND_CODE_HOW }</p>
                <label for="response-code">{ msg::YOUR_CODE }</label>
                <textarea id="response-code" rows="5" readonly=true value={code.clone()} data-testid="response-code" />
                <button type="button" class="button" onclick={copy(code.clone())}>{ msg::COPY_CODE }</button>
                if let Some(contact) = &contact {
                    <a class="button button-secondary" href={mailto(contact, &subject, &msg::email_body(&code))}>{ msg::email_to(contact) }</a>
                }
                if let Some(ok) = *copied {
                    <p role="status">{ if ok { msg::COPIED } else { msg::COPY_YOURSELF } }</p>
                }
            </section>
            <section aria-labelledby="protect-heading">
                <h2 id="protect-heading">{ msg::PROTECT_TITLE }</h2>
                <p>{ msg::PROTECT_HOW }</p>
                <form onsubmit={on_protect} novalidate=true>
                    <div class="field">
                        <label for="passphrase">{ msg::PASSPHRASE }</label>
                        <input id="passphrase" type="password" autocomplete="new-password" value={(*passphrase).clone()}
                            oninput={let p = passphrase.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
                    </div>
                    <div class="field">
                        <label for="passphrase-repeat">{ msg::PASSPHRASE_REPEAT }</label>
                        <input id="passphrase-repeat" type="password" autocomplete="new-password" value={(*repeat).clone()}
                            oninput={let p = repeat.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
                    </div>
                    <button type="submit" class="button button-secondary">{ msg::PROTECT }</button>
                </form>
                { match &*sealed {
                    Some(Ok(protected)) => html! {
                        <>
                            <label for="protected-code">{ msg::PROTECTED_CODE }</label>
                            <textarea id="protected-code" rows="5" readonly=true value={protected.clone()} data-testid="protected-code" />
                            <button type="button" class="button" onclick={copy(protected.clone())}>{ msg::COPY_CODE }</button>
                            if let Some(contact) = &contact {
                                <a class="button button-secondary" href={mailto(contact, &subject, &msg::email_body(protected))}>{ msg::email_to(contact) }</a>
                            }
                            <p class="notice">{ msg::SHARE_PASSPHRASE_APART }</p>
                        </>
                    },
                    Some(Err(e)) => html! { <p class="error-message" role="alert">{ e.clone() }</p> },
                    None => html! {},
                } }
            </section>
            <section aria-labelledby="what-heading">
                <h2 id="what-heading">{ msg::WHAT_YOU_SENT }</h2>
                <p data-testid="what-you-sent">{ msg::what_you_sent(answered, instrument.statement_count(&round.mode)) }</p>
                <details>
                    <summary>{ msg::SHOW_ANSWERS }</summary>
                    <dl class="answers-list">
                        for s in instrument.statements().iter().filter(|s| s.modes.contains(&round.mode)) {
                            <dt>{ s.text.clone() }</dt>
                            <dd>{ response.answers.get(&s.id).map_or(msg::NOT_ANSWERED.to_string(), |a| msg::answer_label(instrument, *a)) }</dd>
                        }
                    </dl>
                </details>
            </section>
        </>
    }
}
