//! `arshif page official|body|country|topic NAME` and `arshif network`: the pages of
//! [`crate::pages`] as text or JSON.

use super::archive::open_caught_up;
use super::timeline::open_filtered;
use super::{CliError, FilterArgs};
use crate::pages::{
    self, Candidate, Counted, GroupPage, OfficialPage, Page, PageKind, PageMeeting, Resolution,
    TopicPage,
};
use std::path::Path;

/// The kind of page `arshif page` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Official,
    Body,
    Country,
    Topic,
}

impl From<KindArg> for PageKind {
    fn from(k: KindArg) -> PageKind {
        match k {
            KindArg::Official => PageKind::Official,
            KindArg::Body => PageKind::Body,
            KindArg::Country => PageKind::Country,
            KindArg::Topic => PageKind::Topic,
        }
    }
}

fn candidate_line(c: &Candidate) -> String {
    let mut s = format!("  {}  {}", c.page.key(), c.name_en);
    if !c.name_ar.is_empty() {
        s.push_str(&format!(" «{}»", c.name_ar));
    }
    if c.meetings > 0 {
        s.push_str(&format!(
            " ({} meeting{})",
            c.meetings,
            if c.meetings == 1 { "" } else { "s" }
        ));
    }
    s
}

/// `arshif page KIND NAME`: resolves NAME, prints the page. Several matches or none: the list
/// (or "did you mean") and exit 2; with `--json` the resolution object is printed first.
pub(super) fn cmd_page(
    db: Option<&Path>,
    kind: KindArg,
    name: &str,
    json: bool,
) -> Result<(), CliError> {
    let (store, ex) = open_caught_up(db)?;
    let gaz = ex.gazetteer();
    let kind = PageKind::from(kind);
    let page_ref = match pages::resolve(&store, gaz, kind, name)? {
        Resolution::Found { page } => page,
        other => {
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&other).expect("resolution serialises")
                );
            }
            let msg = match other {
                Resolution::Ambiguous { candidates } => format!(
                    "«{name}» names several of the archive's {}; give the key of one:\n{}",
                    kind.plural(),
                    candidates
                        .iter()
                        .map(candidate_line)
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
                Resolution::Unknown { did_you_mean } if !did_you_mean.is_empty() => format!(
                    "no {} named «{name}»; did you mean:\n{}",
                    kind.as_str(),
                    did_you_mean
                        .iter()
                        .map(candidate_line)
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
                _ => format!("no {} named «{name}»", kind.as_str()),
            };
            return Err(CliError::Usage(msg));
        }
    };
    let page = pages::page(&store, gaz, &page_ref)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&page).expect("page serialises")
        );
        return Ok(());
    }
    match &page {
        Page::Official(p) => print_official(p),
        Page::Body(p) | Page::Country(p) => print_group(p),
        Page::Topic(p) => print_topic(p),
    }
    Ok(())
}

fn counted(list: &[Counted]) -> String {
    list.iter()
        .map(|c| {
            let name = if c.name_en.is_empty() {
                &c.name_ar
            } else {
                &c.name_en
            };
            format!("{name} ×{}", c.count)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn meeting_line(m: &PageMeeting, except: Option<&str>) -> String {
    let date = m
        .date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "undated   ".into());
    let place = m
        .place
        .as_ref()
        .map(|p| p.name_en.as_str())
        .unwrap_or("place unknown");
    let people: Vec<&str> = m
        .participants
        .iter()
        .filter(|p| Some(p.person.key.as_str()) != except)
        .map(|p| {
            if p.person.name_en.is_empty() {
                p.as_written.as_str()
            } else {
                p.person.name_en.as_str()
            }
        })
        .collect();
    let sources: Vec<String> = m.article_ids.iter().map(|a| format!("#{a}")).collect();
    format!(
        "  {date}  {place}, {} ({}): {}   sources {}",
        m.kind.as_str(),
        m.status.as_str(),
        people.join(", "),
        sources.join(" ")
    )
}

fn print_meetings(meetings: &[PageMeeting], except: Option<&str>) {
    println!("meetings ({}):", meetings.len());
    for m in meetings {
        println!("{}", meeting_line(m, except));
    }
}

fn print_official(p: &OfficialPage) {
    println!("{}  «{}»  [{}] {}", p.name_en, p.name_ar, p.key, p.country);
    if !p.listed {
        println!("not in the gazetteer (extracted from the articles)");
    }
    for o in &p.offices {
        println!(
            "office: {} ({} … {})",
            o.role_en,
            o.from.as_deref().unwrap_or("?"),
            o.to.as_deref().unwrap_or("")
        );
    }
    if !p.roles.is_empty() {
        println!("roles reported:");
    }
    for r in &p.roles {
        let span = match (r.first, r.last) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} … {b}"),
            _ => "undated".into(),
        };
        let sources: Vec<String> = r.article_ids.iter().map(|a| format!("#{a}")).collect();
        println!(
            "  {}{}  {span}, {} meeting{}, sources {}",
            if r.role.is_empty() {
                "(no role stated)"
            } else {
                &r.role
            },
            r.body
                .as_ref()
                .map(|b| format!(", {}", b.name_en))
                .unwrap_or_default(),
            r.meetings,
            if r.meetings == 1 { "" } else { "s" },
            sources.join(" ")
        );
    }
    print_meetings(&p.meetings, Some(&p.key));
    println!("met: {}", counted(&p.counterparts));
    println!("topics: {}", counted(&p.topics));
    println!("spellings: {}", counted(&p.spellings));
    if !p.did_you_mean.is_empty() {
        println!("did you mean:");
        for c in &p.did_you_mean {
            println!("{}", candidate_line(c));
        }
    }
}

fn print_group(p: &GroupPage) {
    println!("{}  «{}»  [{}]", p.name_en, p.name_ar, p.page.key());
    println!("people: {}", counted(&p.people));
    print_meetings(&p.meetings, None);
    println!("topics by year:");
    for y in &p.topics_by_year {
        let year = y
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "undated".into());
        println!("  {year}: {}", counted(&y.topics));
    }
}

fn print_topic(p: &TopicPage) {
    println!("{}  «{}»  [{}]", p.name_en, p.name_ar, p.key);
    let years: Vec<String> = p.per_year.iter().map(|(y, n)| format!("{y} {n}")).collect();
    println!(
        "meetings per year: {}{}",
        years.join(", "),
        if p.undated > 0 {
            format!("; undated {}", p.undated)
        } else {
            String::new()
        }
    );
    println!("officials: {}", counted(&p.officials));
    print_meetings(&p.meetings, None);
}

/// `arshif network`: officials and who met whom under the timeline's filters.
pub(super) fn cmd_network(
    db: Option<&Path>,
    args: &FilterArgs,
    json: bool,
) -> Result<(), CliError> {
    let (store, _ex, filter) = open_filtered(db, args)?;
    let net = pages::network(&store, &filter)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&net).expect("network serialises")
        );
        return Ok(());
    }
    println!(
        "{} officials, {} pairs who met",
        net.nodes.len(),
        net.edges.len()
    );
    let mut edges: Vec<&pages::NetEdge> = net.edges.iter().collect();
    edges.sort_by(|a, b| b.count.cmp(&a.count).then((a.a, a.b).cmp(&(b.a, b.b))));
    for e in edges {
        let ids: Vec<String> = e.meeting_ids.iter().map(|i| format!("#{i}")).collect();
        println!(
            "  {} — {}  ×{}  meetings {}",
            net.nodes[e.a].name_en,
            net.nodes[e.b].name_en,
            e.count,
            ids.join(" ")
        );
    }
    Ok(())
}
