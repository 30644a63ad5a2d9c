//! A horizontal bar chart drawn from geometry computed in trellis-core, with its text
//! alternative; the numbers are also given in a table by the page that uses it.

use trellis_core::chart::BarChart;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Unique stem for the title and description ids.
    pub id: AttrValue,
    pub title: AttrValue,
    /// A sentence describing what the chart shows, read by screen readers.
    pub description: AttrValue,
    pub chart: BarChart,
}

#[component]
pub fn BarChartView(props: &BarChartProps) -> Html {
    let c = &props.chart;
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let ticks = c.ticks.iter().map(|t| {
        html! {
            <g class="tick">
                <line x1={fmt(t.x)} x2={fmt(t.x)} y1="0" y2={fmt(c.height - 20.0)} />
                <text x={fmt(t.x)} y={fmt(c.height - 4.0)} text-anchor="middle">{ t.label.clone() }</text>
            </g>
        }
    });
    let bars = c.bars.iter().map(|b| {
        html! {
            <g class="bar">
                <text class="bar-label" x={fmt(c.plot_left - 8.0)} y={fmt(b.text_y)} text-anchor="end">
                    { b.label.clone() }
                </text>
                if let Some(r) = b.rect {
                    <rect x={fmt(r.x)} y={fmt(r.y)} width={fmt(r.width.max(2.0))} height={fmt(r.height)} />
                }
                <text class="bar-value" x={fmt(b.rect.map_or(c.plot_left, |r| r.x + r.width) + 6.0)} y={fmt(b.text_y)}>
                    { b.value_text.clone() }
                </text>
            </g>
        }
    });
    html! {
        <figure class="chart">
            <svg
                viewBox={format!("0 0 {} {}", fmt(c.width), fmt(c.height))}
                role="img"
                aria-labelledby={format!("{title_id} {desc_id}")}
                data-testid={format!("{}-svg", props.id)}
            >
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id}>{ props.description.clone() }</desc>
                { for ticks }
                { for bars }
            </svg>
        </figure>
    }
}

/// SVG coordinates with at most one decimal, so output is compact and stable.
fn fmt(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}
