//! After finishing from an invitation: send the answers to the person who invited you, by
//! an email draft (the main way, when the invitation named an address), a file or a code
//! (plain or locked with a passphrase), and see what was sent. Each way confirms beside
//! its own button, and only then thanks the person: until something was emailed,
//! downloaded or copied, the answers are still only on this device.

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

/// What one way of sending said once it was used: a confirmation, or what went wrong.
type Said = Option<Result<AttrValue, AttrValue>>;

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

#[derive(Properties, PartialEq)]
struct ActionStatusProps {
    id: AttrValue,
    said: Said,
}

/// The confirmation beside a button. The live region is there (empty) from the start, so
/// screen readers announce what appears in it; when something does, the page scrolls just
/// enough to show it, so on a phone it is never out of sight below the button.
#[component]
fn ActionStatus(props: &ActionStatusProps) -> Html {
    {
        let id = props.id.clone();
        use_effect_with(props.said.clone(), move |said| {
            if said.is_some() {
                browser::dom::scroll_into_view(&id);
            }
        });
    }
    let (class, text) = match &props.said {
        Some(Ok(text)) => ("action-status action-done", Some(text.clone())),
        Some(Err(text)) => ("action-status action-problem", Some(text.clone())),
        None => ("action-status", None),
    };
    html! {
        <p id={props.id.clone()} class={class} role="status" data-testid={props.id.clone()}>{ text }</p>
    }
}

#[component]
pub fn SentPage(props: &SentProps) -> Html {
    let app = use_app_state();
    let emailed = use_state(|| None);
    let downloaded = use_state(|| None);
    let copied = use_state(|| None);
    let locked_copied = use_state(|| None);
    let locked_emailed = use_state(|| None);
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
    // With an address to send to, the email is the main way and the others are the
    // alternatives below it.
    let other_way = if contact.is_some() {
        "button button-secondary"
    } else {
        "button"
    };
    let subject = msg::email_subject(&collaboration.name, &round.name);
    let copy = |text: String, said: &UseStateHandle<Said>| {
        let said = said.clone();
        Callback::from(move |_| {
            let (text, said) = (text.clone(), said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                said.set(Some(if browser::files::copy(&text).await {
                    Ok(msg::CODE_COPIED.into())
                } else {
                    Err(msg::COPY_YOURSELF.into())
                }))
            });
        })
    };
    // The link itself opens the email app; the page can only say what to do there.
    let opened = |said: &UseStateHandle<Said>| {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| said.set(Some(Ok(msg::EMAIL_OPENED.into()))))
    };
    let on_download = {
        let text = response_file_json(instrument, response);
        let name = msg::response_file_name(&round.name, &round.date);
        let said = downloaded.clone();
        Callback::from(move |_| {
            said.set(Some(
                match browser::files::download(&name, &text, "application/json") {
                    Ok(()) => Ok(msg::answers_downloaded(&name).into()),
                    Err(e) => Err(msg::download_failed(&e).into()),
                },
            ))
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
            if let Some(contact) = &contact {
                <section aria-labelledby="email-heading">
                    <h2 id="email-heading">{ msg::BY_EMAIL }</h2>
                    <p>{ msg::email_how(contact) }</p>
                    <a class="button" href={mailto(contact, &subject, &msg::email_body(&code))} onclick={opened(&emailed)}>{ msg::EMAIL_ANSWERS }</a>
                    <ActionStatus id="email-status" said={(*emailed).clone()} />
                </section>
            }
            <section aria-labelledby="file-heading">
                <h2 id="file-heading">{ msg::SEND_FILE }</h2>
                <p>{ msg::SEND_FILE_HOW }</p>
                <button type="button" class={other_way} onclick={on_download}>{ msg::DOWNLOAD_FILE }</button>
                <ActionStatus id="file-status" said={(*downloaded).clone()} />
            </section>
            <section aria-labelledby="code-heading">
                <h2 id="code-heading">{ msg::SEND_CODE }</h2>
                <p>{ msg::SEND_CODE_HOW }</p>
                <label for="response-code">{ msg::YOUR_CODE }</label>
                <textarea id="response-code" rows="5" readonly=true value={code.clone()} data-testid="response-code" />
                <button type="button" class={other_way} onclick={copy(code.clone(), &copied)}>{ msg::COPY_CODE }</button>
                <ActionStatus id="code-status" said={(*copied).clone()} />
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
                            <button type="button" class="button" onclick={copy(protected.clone(), &locked_copied)}>{ msg::COPY_CODE }</button>
                            <ActionStatus id="locked-code-status" said={(*locked_copied).clone()} />
                            if let Some(contact) = &contact {
                                <a class="button button-secondary" href={mailto(contact, &subject, &msg::email_body(protected))} onclick={opened(&locked_emailed)}>{ msg::email_to(contact) }</a>
                                <ActionStatus id="locked-email-status" said={(*locked_emailed).clone()} />
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
