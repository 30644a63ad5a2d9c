//! The respondent's journey: about you, one page per domain, the other partners (when the
//! round has a partner map), then review and send.

use std::rc::Rc;

use trellis_core::format::{Answer, Collaboration, Partner, Response, RoleCategory, Round, Tie, Workspace};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser;
use crate::browser::dom::event_value;
use crate::components::markup::hint;
use crate::components::tie_questions::ties_table;
use crate::components::{Choice, ErrorSummary, LevelChoice, Progress, Question, TieQuestions, TieStep};
use crate::messages as msg;
use crate::pages::{find_round, NotFound};
use crate::route::{navigate, Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct AnswerProps {
    /// The round id.
    pub id: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct AnswerStepProps {
    pub id: AttrValue,
    pub step: usize,
}

/// The response in progress on this device for a round: the latest one not yet sent.
fn draft<'a>(ws: &'a Workspace, round_id: &str) -> Option<&'a Response> {
    ws.responses
        .iter()
        .filter(|r| r.round_id == round_id && r.submitted.is_none())
        .max_by_key(|r| r.started)
}

/// Statements of a mode answered in a response (any answer, including "don't know").
fn answered_count(instrument: &Instrument, mode: &str, response: &Response) -> usize {
    instrument
        .statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == mode) && response.answers.contains_key(&s.id))
        .count()
}

/// The partners a response rates in the partner map: every partner but the respondent's
/// own, when the round has the map, the questionnaire has its steps, and the respondent's
/// organisation is one of the partners. Otherwise none, and the step is skipped.
fn tie_partners<'a>(
    collaboration: &'a Collaboration,
    round: &Round,
    instrument: &Instrument,
    response: &Response,
) -> Vec<&'a Partner> {
    let asks = round.partner_map
        && !instrument.partner_levels().is_empty()
        && collaboration
            .partners
            .iter()
            .any(|p| p.id == response.organisation);
    collaboration
        .partners
        .iter()
        .filter(|p| asks && p.id != response.organisation)
        .collect()
}

/// The first domain page with an unanswered statement; then the partner map's step if
/// it asks and nothing is rated yet; otherwise the review page.
fn resume_step(instrument: &Instrument, round: &Round, response: &Response, asks_ties: bool) -> usize {
    let domains: Vec<_> = instrument.domains_in_mode(&round.mode).collect();
    let ties_step = domains.len() + 1;
    domains
        .iter()
        .position(|d| {
            instrument
                .statements_in(&round.mode, &d.id)
                .any(|s| !response.answers.contains_key(&s.id))
        })
        .map_or_else(
            || {
                if asks_ties && response.ties.is_empty() {
                    ties_step
                } else {
                    ties_step + usize::from(asks_ties)
                }
            },
            |i| i + 1,
        )
}

fn choices(instrument: &Instrument) -> Rc<Vec<Choice>> {
    let scale = instrument.scale();
    let mut list: Vec<Choice> = scale
        .points
        .iter()
        .map(|p| Choice {
            answer: Answer::Scale(p.value),
            label: p.label.clone().into(),
        })
        .collect();
    list.push(Choice {
        answer: Answer::DontKnow,
        label: scale.dont_know.clone().into(),
    });
    list.push(Choice {
        answer: Answer::NotApplicable,
        label: scale.not_applicable.clone().into(),
    });
    Rc::new(list)
}

#[component]
pub fn AnswerStart(props: &AnswerProps) -> Html {
    let app = use_app_state();
    let organisation = use_state(String::new);
    let role = use_state(|| None::<RoleCategory>);
    let errors = use_state(Vec::<(AttrValue, AttrValue)>::new);
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let minutes = instrument.mode(&round.mode).map_or(0, |m| m.minutes);
    let sent = app
        .workspace
        .responses_for(&round.id)
        .filter(|r| r.submitted.is_some())
        .count();

    // A respondent's copy of an invited round has no collaboration page to go back to:
    // that page holds the facilitator's tools.
    let invited = collaboration.invited.is_some();
    let intro = html! {
        <>
            <p class="breadcrumb">
                if invited {
                    { collaboration.name.clone() }
                } else {
                    <Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link>
                }
            </p>
            <h1 tabindex="-1">{ msg::answer_title(&round.name) }</h1>
            <p class="lead">{ msg::answer_lead(&collaboration.name, minutes) }</p>
            <p>{ msg::ANSWER_PRIVACY }</p>
        </>
    };

    if round.status == trellis_core::format::RoundStatus::Closed {
        return html! {
            <>
                { intro }
                <p class="notice" role="status" data-testid="round-closed">{ msg::ROUND_CLOSED }</p>
            </>
        };
    }

    if let Some(response) = draft(&app.workspace, &round.id) {
        let asks_ties = !tie_partners(collaboration, round, instrument, response).is_empty();
        let step = resume_step(instrument, round, response, asks_ties);
        let answered = answered_count(instrument, &round.mode, response);
        return html! {
            <>
                { intro }
                <div class="notice" data-testid="resume">
                    <h2>{ msg::IN_PROGRESS_TITLE }</h2>
                    <p>{ msg::answered_of(answered, instrument.statement_count(&round.mode)) }</p>
                    <Link to={Route::AnswerStep { id: round.id.clone(), step }} classes="button">{ msg::CONTINUE }</Link>
                </div>
            </>
        };
    }

    let on_submit = {
        let (app, organisation, role, errors, round_id) = (
            app.clone(),
            organisation.clone(),
            role.clone(),
            errors.clone(),
            round.id.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut found = Vec::new();
            if organisation.is_empty() {
                found.push(("organisation".into(), msg::CHOOSE_ORGANISATION.into()));
            }
            if role.is_none() {
                found.push((
                    format!("role-{}", RoleCategory::ALL[0].id()).into(),
                    msg::CHOOSE_ROLE.into(),
                ));
            }
            if let (true, Some(role)) = (found.is_empty(), *role) {
                app.start_response(&round_id, &organisation, role);
                navigate(&Route::AnswerStep {
                    id: round_id.clone(),
                    step: 1,
                });
            }
            errors.set(found);
        })
    };
    let has_error = |field: &str| errors.iter().any(|(f, _)| f.starts_with(field));

    html! {
        <>
            { intro }
            if sent > 0 && app.kiosk.is_none() {
                if invited {
                    // Back from the invitation after finishing: the ways to send are
                    // still here, as is answering again as someone else.
                    <div class="notice" data-testid="already-sent">
                        <h2>{ msg::FINISHED_BEFORE_TITLE }</h2>
                        <p>{ msg::FINISHED_BEFORE }</p>
                        <Link to={Route::Sent { id: round.id.clone() }} classes="button">{ msg::SEND_AGAIN }</Link>
                        <p>{ msg::ANSWER_AGAIN_BELOW }</p>
                    </div>
                } else {
                    <p class="notice" data-testid="already-sent">{ msg::already_sent(sent) }</p>
                }
            }
            <ErrorSummary errors={(*errors).clone()} on_select={Callback::from(|id: AttrValue| browser::dom::focus_element(&id))} />
            <form onsubmit={on_submit} novalidate=true data-testid="about-you">
                <h2>{ msg::ABOUT_YOU }</h2>
                <div class={classes!("field", has_error("organisation").then_some("field-error"))}>
                    <label for="organisation">{ msg::YOUR_ORGANISATION }</label>
                    if has_error("organisation") { <p class="error-message">{ msg::CHOOSE_ORGANISATION }</p> }
                    <select id="organisation" onchange={let organisation = organisation.clone(); Callback::from(move |e: Event| organisation.set(event_value(&e)))}>
                        <option value="" selected={organisation.is_empty()}>{ msg::CHOOSE_ONE }</option>
                        for p in collaboration.partners.iter() {
                            <option value={p.id.clone()} selected={*organisation == p.id}>{ p.name.clone() }</option>
                        }
                    </select>
                </div>
                <fieldset class={classes!("field", has_error("role").then_some("field-error"))}>
                    <legend>{ msg::YOUR_ROLE }</legend>
                    if has_error("role") { <p class="error-message">{ msg::CHOOSE_ROLE }</p> }
                    for r in RoleCategory::ALL {
                        <div class="choice-block">
                            <input type="radio" name="role" id={format!("role-{}", r.id())} value={r.id()}
                                checked={*role == Some(r)}
                                onchange={let role = role.clone(); Callback::from(move |_| role.set(Some(r)))} />
                            <label for={format!("role-{}", r.id())}>{ msg::role_label(r) }</label>
                        </div>
                    }
                </fieldset>
                <button type="submit" class="button">{ msg::START }</button>
            </form>
        </>
    }
}

#[component]
pub fn AnswerStep(props: &AnswerStepProps) -> Html {
    let app = use_app_state();
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let domains: Vec<_> = instrument.domains_in_mode(&round.mode).collect();
    let Some(response) = draft(&app.workspace, &round.id) else {
        return html! {
            <>
                <h1 tabindex="-1">{ msg::NO_DRAFT_TITLE }</h1>
                <p>{ msg::NO_DRAFT }</p>
                <Link to={Route::AnswerStart { id: round.id.clone() }} classes="button">{ msg::START_AGAIN }</Link>
            </>
        };
    };
    // The partner map is one step of its own, after the topics and before the review.
    let others = tie_partners(collaboration, round, instrument, response);
    let asks_ties = !others.is_empty();
    let ties_step = domains.len() + 1;
    let steps = domains.len() + usize::from(asks_ties) + 1;
    if props.step == 0 || props.step > steps {
        return html! { <NotFound /> };
    }
    let mode = instrument.mode(&round.mode);
    let total = instrument.statement_count(&round.mode);
    let answered = answered_count(instrument, &round.mode, response);
    let minutes_left = mode.map(|m| {
        let left = (total - answered) as u32;
        (m.minutes * left).div_ceil(total.max(1) as u32)
    });
    let notice = app
        .notice
        .clone()
        .map(|n| html! { <p class="notice notice-warning" role="alert">{ n }</p> });
    let progress = html! { <Progress step={props.step} steps={steps} answered={answered} statements={total} minutes_left={minutes_left} partner_step={asks_ties} /> };
    let round_id = round.id.clone();
    let back = if props.step > 1 {
        Route::AnswerStep {
            id: round_id.clone(),
            step: props.step - 1,
        }
    } else {
        Route::AnswerStart { id: round_id.clone() }
    };

    if props.step == steps {
        let rows = domains.iter().enumerate().map(|(i, d)| {
            let asked: Vec<_> = instrument.statements_in(&round.mode, &d.id).collect();
            let done = asked
                .iter()
                .filter(|s| response.answers.contains_key(&s.id))
                .count();
            html! {
                <tr>
                    <th scope="row">{ d.title.clone() }</th>
                    <td>{ msg::answered_of(done, asked.len()) }</td>
                    <td><Link to={Route::AnswerStep { id: round_id.clone(), step: i + 1 }}>
                        { msg::change_topic(&d.title) }
                    </Link></td>
                </tr>
            }
        });
        let kiosk = app.kiosk.as_deref() == Some(round.id.as_str());
        // On a respondent's device the answers go back to the facilitator, not to results.
        let invited = collaboration.invited.is_some();
        // Finishing does not send anything yet: the next page offers the ways to send.
        let goes_back = invited && !kiosk;
        let on_send = {
            let (app, response_id, round_id) = (app.clone(), response.id.clone(), round_id.clone());
            Callback::from(move |_| {
                app.submit(&response_id);
                // In a workshop session the next page must not show anyone's answers.
                let next = if kiosk {
                    Route::Kiosk { id: round_id.clone() }
                } else if invited {
                    Route::Sent { id: round_id.clone() }
                } else {
                    Route::Results { id: round_id.clone() }
                };
                navigate(&next);
            })
        };
        return html! {
            <>
                <h1 tabindex="-1">{ msg::REVIEW_TITLE }</h1>
                { progress }
                { notice.unwrap_or_default() }
                <p>{ msg::REVIEW_LEAD }</p>
                if answered < total {
                    <p class="notice" data-testid="unanswered">{ msg::unanswered_left(total - answered) }</p>
                }
                <div class="table-wrap" role="region" tabindex="0" aria-label={msg::REVIEW_TABLE}>
                    <table data-testid="review-table">
                        <thead><tr>
                            <th scope="col">{ msg::TOPIC }</th>
                            <th scope="col">{ msg::ANSWERED }</th>
                            <th scope="col"><span class="visually-hidden">{ msg::ACTIONS }</span></th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                if asks_ties {
                    <section aria-labelledby="ties-review-heading">
                        <h2 id="ties-review-heading">{ msg::TIES_TITLE }</h2>
                        if others.iter().all(|p| !response.ties.contains_key(&p.id)) {
                            <p class="notice" data-testid="ties-unrated">{ msg::TIES_REVIEW_NONE }</p>
                        } else {
                            { ties_table(instrument, &others, &response.ties) }
                        }
                        <p><Link to={Route::AnswerStep { id: round_id.clone(), step: ties_step }}>{ msg::CHANGE_TIES }</Link></p>
                    </section>
                }
                <p>{ if goes_back { msg::FINISH_EXPLAINED } else { msg::SEND_EXPLAINED } }</p>
                <div class="step-nav">
                    <Link to={back} classes="button button-secondary">{ msg::BACK }</Link>
                    <button type="button" class="button" onclick={on_send}>
                        { if goes_back { msg::FINISH_AND_SEND } else { msg::SEND } }
                    </button>
                </div>
            </>
        };
    }

    if asks_ties && props.step == ties_step {
        let partners: Vec<(AttrValue, AttrValue)> = others
            .iter()
            .map(|p| (p.id.clone().into(), p.name.clone().into()))
            .collect();
        let tie_steps: Vec<TieStep> = instrument
            .partner_levels()
            .iter()
            .map(|l| TieStep {
                name: l.name.clone().into(),
                summary: l.summary.clone().into(),
            })
            .collect();
        let on_change = {
            let (app, response_id) = (app.clone(), response.id.clone());
            Callback::from(move |(partner, tie): (String, Tie)| app.set_tie(&response_id, &partner, tie))
        };
        let rated = others
            .iter()
            .filter(|p| response.ties.contains_key(&p.id))
            .count();
        // Every statement may be answered, but this step is not done: no "all done".
        let progress = html! { <Progress step={props.step} steps={steps} answered={answered} statements={total} minutes_left={None::<u32>} partner_step={true} /> };
        return html! {
            <>
                <p class="breadcrumb">{ format!("{} · {}", collaboration.name, round.name) }</p>
                <h1 tabindex="-1">{ msg::TIES_TITLE }</h1>
                { progress }
                { notice.unwrap_or_default() }
                <p class="domain-help">{ msg::TIES_LEAD }</p>
                { hint(msg::SAVED_AS_YOU_GO) }
                <TieQuestions {partners} steps={tie_steps} dont_know={instrument.scale().dont_know.clone()}
                    ties={response.ties.clone()} {on_change} />
                <p class="progress-count" data-testid="ties-rated">{ msg::ties_rated(rated, others.len()) }</p>
                <div class="step-nav">
                    <Link to={back} classes="button button-secondary">{ msg::BACK }</Link>
                    <Link to={Route::AnswerStep { id: round_id, step: props.step + 1 }} classes="button">{ msg::REVIEW_ANSWERS }</Link>
                </div>
            </>
        };
    }

    let domain = domains[props.step - 1];
    let first_number = 1 + domains[..props.step - 1]
        .iter()
        .map(|d| instrument.statements_in(&round.mode, &d.id).count())
        .sum::<usize>();
    let choices = choices(instrument);
    let questions = instrument
        .statements_in(&round.mode, &domain.id)
        .enumerate()
        .map(|(i, s)| {
            let response_id = response.id.clone();
            let statement = s.id.clone();
            let on_answer = {
                let (app, response_id, statement) = (app.clone(), response_id.clone(), statement.clone());
                Callback::from(move |a: Option<Answer>| app.answer(&response_id, &statement, a))
            };
            let on_comment = {
                let app = app.clone();
                Callback::from(move |text: String| app.comment(&response_id, &statement, text))
            };
            html! {
                <Question
                    id={s.id.clone()}
                    number={first_number + i}
                    text={s.text.clone()}
                    choices={choices.clone()}
                    selected={response.answers.get(&s.id).copied()}
                    comment={response.comments.get(&s.id).cloned().unwrap_or_default()}
                    {on_answer}
                    {on_comment}
                />
            }
        });
    let ask_levels = mode.is_some_and(|m| m.ask_levels) && !domain.levels.is_empty();
    let level_choice = ask_levels.then(|| {
        let levels = instrument
            .levels()
            .iter()
            .zip(domain.levels.iter())
            .map(|(l, d)| (AttrValue::from(l.name.clone()), AttrValue::from(d.clone())))
            .collect::<Vec<_>>();
        let on_choose = {
            let (app, response_id, domain_id) = (app.clone(), response.id.clone(), domain.id.clone());
            Callback::from(move |l: Option<u8>| app.choose_level(&response_id, &domain_id, l))
        };
        html! { <LevelChoice key={domain.id.clone()} domain={domain.id.clone()} {levels} selected={response.levels.get(&domain.id).copied()} {on_choose} /> }
    });
    let next_label = if props.step + 1 == steps {
        msg::REVIEW_ANSWERS
    } else {
        msg::NEXT
    };
    html! {
        <>
            <p class="breadcrumb">{ format!("{} · {}", collaboration.name, round.name) }</p>
            <h1 tabindex="-1">{ domain.title.clone() }</h1>
            { progress }
            { notice.unwrap_or_default() }
            // Every statement page says which stretch of time to think about, so that
            // rounds months apart ask about the same thing.
            if let Some(time_frame) = mode.map(|m| m.time_frame.clone()).filter(|t| !t.is_empty()) {
                <p class="time-frame" data-testid="time-frame">{ time_frame }</p>
            }
            if !domain.summary.is_empty() {
                <p class="domain-help">{ domain.summary.clone() }</p>
            }
            { hint(msg::SAVED_AS_YOU_GO) }
            <form class="questions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for questions }
                { level_choice.unwrap_or_default() }
            </form>
            <div class="step-nav">
                <Link to={back} classes="button button-secondary">{ msg::BACK }</Link>
                <Link to={Route::AnswerStep { id: round_id, step: props.step + 1 }} classes="button">{ next_label }</Link>
            </div>
        </>
    }
}
