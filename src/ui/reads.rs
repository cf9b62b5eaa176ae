//! The app's reads, off the UI thread: one thread owns the [`Archive`] (its own read connection
//! to the archive file; WAL lets it read while a writer writes) and answers the app's requests
//! (the timeline with its facet counts, the reader's article, the correction panel's context, a
//! card menu's link edit) on a channel. No frame waits on SQLite: the app sends a request, keeps
//! drawing what it has (with a spinner where a result is pending), and takes the answer in a
//! later frame; the thread wakes the window with `request_repaint` when one arrives.
//!
//! - Generations: every timeline and article request carries a number that grows with each
//!   request; the thread runs only the newest queued request of a kind (older ones are
//!   superseded and never run) and the app drops any answer older than its newest request.
//! - Other writers: about once a second (less often when a re-run is slow: four times its
//!   time) the thread asks the archive whether anyone wrote to the file
//!   ([`Archive::data_version`]); when it changed it runs the current timeline again and
//!   sends it, marked [`Reply::Timeline::external`], waking the window only then (never a
//!   repaint on a timer, so a kittest run settles).
//! - Opening: the archive is opened on the thread too (the opening closure may create, seed and
//!   migrate the file), so the first frame never waits for it; [`Reply::Opened`] says when it is
//!   ready.
//!
//! - Pages: a timeline request reads the first page of cards (with the number matching and the
//!   facet counts); [`Reads::more`] asks for the next page as the list scrolls near its end. A
//!   page carries the timeline's generation and is dropped when the filter changed meanwhile; a
//!   re-run for another writer reads as many rows as the list had loaded.
//!
//! Call sites: everything the app asks goes through [`Reads`]'s methods (`timeline`, `more`,
//! `article`, `edit_context`, `link_edit`).

use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};
use eframe::egui;

use super::model::{Archive, ArticleView, EditContext, Timeline, TimelineFacets};
use crate::query::Filter;

/// Opens the archive on the reads thread (may create, seed and migrate the file).
pub type OpenArchive = Box<dyn FnOnce() -> anyhow::Result<Box<dyn Archive>> + Send>;

/// How often the thread asks whether another connection wrote to the archive.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// What the app asks of the thread.
enum Request {
    /// The window's context, to wake it when an answer arrives.
    Wake(egui::Context),
    Timeline {
        generation: u64,
        filter: Filter,
        loaded: usize,
    },
    /// The page from row `offset` on of timeline request `generation`.
    More {
        generation: u64,
        offset: usize,
        through: Option<i32>,
    },
    Article {
        generation: u64,
        id: u64,
    },
    EditContext,
    LinkEdit(crate::edits::LinkRequest),
}

/// What the thread answers. Errors are in words (the archive's message chain).
#[derive(Debug)]
pub enum Reply {
    /// The archive is open: `described` is its file, for the status bar.
    Opened { described: String },
    /// The archive could not be opened, or the thread stopped (nothing else will be answered).
    OpenFailed(String),
    /// The timeline for request `generation`. `external`: run again because another connection
    /// wrote to the archive (not because the app asked).
    Timeline {
        generation: u64,
        result: Result<Timeline, String>,
        external: bool,
    },
    /// The facet counts for timeline request `generation`, after its cards (`None`: the
    /// timeline had them).
    Facets {
        generation: u64,
        result: Result<Option<TimelineFacets>, String>,
    },
    /// The page of cards from row `offset` on for timeline request `generation` (empty past
    /// the end).
    More {
        generation: u64,
        offset: usize,
        result: Result<Vec<crate::ui::model::MeetingCard>, String>,
    },
    /// The article for request `generation` (meeting row `id`).
    Article {
        generation: u64,
        id: u64,
        result: Result<Option<ArticleView>, String>,
    },
    /// The correction panel's context.
    EditContext(Result<Option<EditContext>, String>),
    /// The edit a card menu's merge, split or "different" asked for.
    LinkEdit(Result<crate::edits::Edit, String>),
}

/// The app's side of the reads thread: send requests, take answers. Dropping it ends the thread
/// after the query it is running, if any.
pub struct Reads {
    tx: Sender<Request>,
    rx: Receiver<Reply>,
    /// The newest timeline request, and whether its answer is still out.
    timeline_generation: u64,
    timeline_pending: bool,
    /// A page of the newest timeline is asked for and not in yet.
    more_pending: bool,
    /// The newest timeline's facet counts are not in yet.
    facets_pending: bool,
    /// The newest article request, and whether its answer is still out.
    article_generation: u64,
    article_pending: bool,
    edit_context_pending: bool,
    link_edit_pending: bool,
    opening: bool,
    woken: bool,
    /// The thread is gone (the archive could not be opened, or a read panicked): requests are
    /// not sent, nothing is pending.
    closed: bool,
}

impl Reads {
    /// Starts the thread: it opens the archive with `open`, then answers requests.
    pub fn spawn(open: OpenArchive) -> Self {
        let (tx, requests) = unbounded();
        let (replies, rx) = unbounded();
        // Detached: dropping `Reads` closes the channel, and the thread ends after the query it
        // runs (a long query never holds the window's close).
        let spawned = std::thread::Builder::new()
            .name("arshif-reads".into())
            .spawn(move || serve(open, requests, replies));
        if let Err(e) = spawned {
            // No thread: say so where the archive's errors go.
            let (tx, rx) = unbounded();
            let _ = tx.send(Reply::OpenFailed(format!(
                "the archive reader could not start: {e}"
            )));
            return Self::with(unbounded().0, rx);
        }
        Self::with(tx, rx)
    }

    fn with(tx: Sender<Request>, rx: Receiver<Reply>) -> Self {
        Self {
            tx,
            rx,
            timeline_generation: 0,
            timeline_pending: false,
            more_pending: false,
            facets_pending: false,
            article_generation: 0,
            article_pending: false,
            edit_context_pending: false,
            link_edit_pending: false,
            opening: true,
            woken: false,
            closed: false,
        }
    }

    /// Over an archive already open (tests, File ▸ Open).
    pub fn over(archive: Box<dyn Archive>) -> Self {
        Self::spawn(Box::new(move || Ok(archive)))
    }

    /// Gives the thread the window's context to wake (once; later calls do nothing).
    pub fn wake_with(&mut self, ctx: &egui::Context) {
        if !self.woken {
            self.woken = true;
            let _ = self.tx.send(Request::Wake(ctx.clone()));
        }
    }

    /// Asks for the timeline of `filter`; supersedes any earlier timeline request.
    pub fn timeline(&mut self, filter: Filter) {
        self.timeline_keeping(filter, 0);
    }

    /// Asks for the timeline of `filter` with at least its first `loaded` cards (the same
    /// filter read again after a job: the list keeps the pages it had); supersedes any earlier
    /// timeline request.
    pub fn timeline_keeping(&mut self, filter: Filter, loaded: usize) {
        if self.closed {
            return;
        }
        self.timeline_generation += 1;
        self.timeline_pending = true;
        self.facets_pending = true;
        // A page of the older timeline is dropped when it comes.
        self.more_pending = false;
        let generation = self.timeline_generation;
        let _ = self.tx.send(Request::Timeline {
            generation,
            filter,
            loaded,
        });
    }

    /// Asks for the page of the newest timeline from row `offset` on (the number of cards the
    /// list has), or with `through` (a month index) for the rows up to that month's and a page
    /// more ([`Archive::more`]); nothing while one is on its way or the timeline itself is.
    pub fn more(&mut self, offset: usize, through: Option<i32>) {
        if self.closed || self.more_pending || self.timeline_pending {
            return;
        }
        self.more_pending = true;
        let generation = self.timeline_generation;
        let _ = self.tx.send(Request::More {
            generation,
            offset,
            through,
        });
    }

    /// True while a page asked for with [`Self::more`] is unanswered.
    pub fn more_pending(&self) -> bool {
        self.more_pending
    }

    /// Asks for the article of meeting row `id`; supersedes any earlier article request.
    pub fn article(&mut self, id: u64) {
        if self.closed {
            return;
        }
        self.article_generation += 1;
        self.article_pending = true;
        let generation = self.article_generation;
        let _ = self.tx.send(Request::Article { generation, id });
    }

    /// Asks for the correction panel's context (once until it arrives).
    pub fn edit_context(&mut self) {
        if !self.edit_context_pending && !self.closed {
            self.edit_context_pending = true;
            let _ = self.tx.send(Request::EditContext);
        }
    }

    /// Asks for the edit recording a card menu's link request.
    pub fn link_edit(&mut self, request: crate::edits::LinkRequest) {
        if self.closed {
            return;
        }
        self.link_edit_pending = true;
        let _ = self.tx.send(Request::LinkEdit(request));
    }

    /// True while the archive is being opened.
    pub fn opening(&self) -> bool {
        self.opening
    }

    /// True while the newest timeline request is unanswered.
    pub fn timeline_pending(&self) -> bool {
        self.timeline_pending
    }

    /// True while the newest article request is unanswered.
    pub fn article_pending(&self) -> bool {
        self.article_pending
    }

    /// True while the correction panel's context is being read.
    pub fn edit_context_pending(&self) -> bool {
        self.edit_context_pending
    }

    /// True while any request is unanswered (or the archive is being opened).
    pub fn pending(&self) -> bool {
        self.opening
            || self.timeline_pending
            || self.more_pending
            || self.facets_pending
            || self.article_pending
            || self.edit_context_pending
            || self.link_edit_pending
    }

    /// The answers that arrived, superseded ones dropped, in arrival order.
    pub fn poll(&mut self) -> Vec<Reply> {
        let mut got = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(r) => got.push(r),
                Err(crossbeam_channel::TryRecvError::Empty) => break,
                Err(crossbeam_channel::TryRecvError::Disconnected) => {
                    // A thread that said why it ended (could not open) is not "gone" too.
                    if !got.iter().any(|r| matches!(r, Reply::OpenFailed(_))) {
                        got.extend(self.gone());
                    }
                    break;
                }
            }
        }
        self.keep_current(got)
    }

    /// The thread ended without saying why (a read panicked): one error, nothing pending.
    fn gone(&mut self) -> Option<Reply> {
        (!self.closed).then(|| {
            Reply::OpenFailed(
                "the archive's reader stopped unexpectedly: open the archive again".into(),
            )
        })
    }

    /// Blocks up to `timeout` for the next answer the app still wants (tests and screenshots
    /// only: frames use [`Self::poll`]). Empty when none came in time.
    pub fn wait(&mut self, timeout: Duration) -> Vec<Reply> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let first = match self.rx.recv_timeout(left) {
                Ok(r) => r,
                Err(RecvTimeoutError::Timeout) => return Vec::new(),
                Err(RecvTimeoutError::Disconnected) => {
                    let gone: Vec<Reply> = self.gone().into_iter().collect();
                    return self.keep_current(gone);
                }
            };
            let mut got = vec![first];
            got.extend(self.rx.try_iter());
            let kept = self.keep_current(got);
            if !kept.is_empty() {
                return kept;
            }
        }
    }

    fn keep_current(&mut self, got: Vec<Reply>) -> Vec<Reply> {
        got.into_iter()
            .filter(|r| match r {
                Reply::Opened { .. } | Reply::OpenFailed(_) => {
                    self.opening = false;
                    if matches!(r, Reply::OpenFailed(_)) {
                        self.closed = true;
                        self.timeline_pending = false;
                        self.more_pending = false;
                        self.facets_pending = false;
                        self.article_pending = false;
                        self.edit_context_pending = false;
                        self.link_edit_pending = false;
                    }
                    true
                }
                Reply::Timeline { generation, .. } => {
                    let current = *generation == self.timeline_generation;
                    if current {
                        self.timeline_pending = false;
                    }
                    current
                }
                Reply::Facets { generation, .. } => {
                    let current = *generation == self.timeline_generation;
                    if current {
                        self.facets_pending = false;
                    }
                    current
                }
                Reply::More { generation, .. } => {
                    let current = *generation == self.timeline_generation;
                    if current {
                        self.more_pending = false;
                    }
                    current
                }
                Reply::Article { generation, .. } => {
                    let current = *generation == self.article_generation;
                    if current {
                        self.article_pending = false;
                    }
                    current
                }
                Reply::EditContext(_) => {
                    self.edit_context_pending = false;
                    true
                }
                Reply::LinkEdit(_) => {
                    self.link_edit_pending = false;
                    true
                }
            })
            .collect()
    }
}

/// The timeline of `filter`: its first page, or its first `loaded` rows when more.
fn run_timeline(archive: &dyn Archive, filter: &Filter, loaded: usize) -> Result<Timeline, String> {
    archive
        .timeline(filter, loaded)
        .map_err(|e| format!("{e:#}"))
}

/// The facet counts of `filter` for timeline request `generation`.
fn run_facets(archive: &dyn Archive, filter: &Filter, generation: u64) -> Reply {
    Reply::Facets {
        generation,
        result: archive.facets(filter).map_err(|e| format!("{e:#}")),
    }
}

/// The newest timeline asked for (run again when another writer changes the file) and how many
/// of its rows the app has.
struct Current {
    generation: u64,
    filter: Filter,
    loaded: usize,
}

/// The thread: open, then answer requests, newest of a kind first; poll `data_version` between.
fn serve(open: OpenArchive, requests: Receiver<Request>, replies: Sender<Reply>) {
    let mut wake: Option<egui::Context> = None;
    let send = |wake: &Option<egui::Context>, reply: Reply| {
        let ok = replies.send(reply).is_ok();
        if let Some(ctx) = wake {
            ctx.request_repaint();
        }
        ok
    };
    let archive = match open() {
        Ok(a) => a,
        Err(e) => {
            // Wait for the context so the window wakes to show the error.
            if let Ok(Request::Wake(ctx)) = requests.recv_timeout(Duration::from_millis(200)) {
                wake = Some(ctx);
            }
            send(&wake, Reply::OpenFailed(error_chain(&e)));
            return;
        }
    };
    if !send(
        &wake,
        Reply::Opened {
            described: archive.describe(),
        },
    ) {
        return;
    }
    let mut version = archive.data_version();
    let mut last_poll = Instant::now();
    // The newest timeline asked for: run again when another writer changes the file.
    let mut current: Option<Current> = None;
    // At least a second between polls, and four times what the last re-run took: another
    // window's long import must not keep a core re-reading a big archive.
    let mut poll_every = POLL_EVERY;
    loop {
        let wait = poll_every.saturating_sub(last_poll.elapsed());
        let first = match requests.recv_timeout(wait) {
            Ok(r) => Some(r),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Everything queued now: only the newest timeline and article requests run.
        let mut batch: Vec<Request> = first.into_iter().collect();
        batch.extend(requests.try_iter());
        let mut timeline: Option<(u64, Filter, usize)> = None;
        let mut article: Option<(u64, u64)> = None;
        let mut more: Option<(u64, usize, Option<i32>)> = None;
        let mut others = Vec::new();
        for r in batch {
            match r {
                Request::Wake(ctx) => {
                    ctx.request_repaint();
                    wake = Some(ctx);
                }
                Request::Timeline {
                    generation,
                    filter,
                    loaded,
                } => timeline = Some((generation, filter, loaded)),
                Request::Article { generation, id } => article = Some((generation, id)),
                Request::More {
                    generation,
                    offset,
                    through,
                } => more = Some((generation, offset, through)),
                other => others.push(other),
            }
        }
        if let Some((generation, filter, loaded)) = timeline {
            // Read the version first: a write after this point is seen by the next poll.
            version = archive.data_version().or(version);
            let result = run_timeline(archive.as_ref(), &filter, loaded);
            let loaded = result.as_ref().map_or(0, |t| t.cards.len());
            current = Some(Current {
                generation,
                filter,
                loaded,
            });
            let reply = Reply::Timeline {
                generation,
                result,
                external: false,
            };
            if !send(&wake, reply) {
                return;
            }
            // The counts after the cards: the cards show while they are read.
            if let Some(c) = &current {
                let reply = run_facets(archive.as_ref(), &c.filter, generation);
                if !send(&wake, reply) {
                    return;
                }
            }
        }
        // A page of the current timeline only (a page of an older filter is never read).
        if let Some((generation, offset, through)) = more
            && let Some(c) = current.as_mut().filter(|c| c.generation == generation)
        {
            let result = archive
                .more(&c.filter, offset, through)
                .map_err(|e| format!("{e:#}"));
            if let Ok(cards) = &result {
                c.loaded = offset + cards.len();
            }
            let reply = Reply::More {
                generation,
                offset,
                result,
            };
            if !send(&wake, reply) {
                return;
            }
        }
        // The article after the timeline: it reads the rows the timeline query kept.
        if let Some((generation, id)) = article {
            let result = archive.article(id).map_err(|e| format!("{e:#}"));
            if !send(
                &wake,
                Reply::Article {
                    generation,
                    id,
                    result,
                },
            ) {
                return;
            }
        }
        for r in others {
            let reply = match r {
                Request::EditContext => {
                    Reply::EditContext(archive.edit_context().map_err(|e| format!("{e:#}")))
                }
                Request::LinkEdit(request) => {
                    Reply::LinkEdit(archive.link_edit(request).map_err(|e| format!("{e:#}")))
                }
                _ => continue,
            };
            if !send(&wake, reply) {
                return;
            }
        }
        if last_poll.elapsed() >= poll_every {
            last_poll = Instant::now();
            let now = archive.data_version();
            if now.is_some() && now != version {
                version = now;
                if let Some(c) = &mut current {
                    let result = run_timeline(archive.as_ref(), &c.filter, c.loaded);
                    if let Ok(t) = &result {
                        c.loaded = t.cards.len();
                    }
                    let reply = Reply::Timeline {
                        generation: c.generation,
                        result,
                        external: true,
                    };
                    if !send(&wake, reply) {
                        return;
                    }
                    let facets = run_facets(archive.as_ref(), &c.filter, c.generation);
                    poll_every = POLL_EVERY.max(last_poll.elapsed() * 4);
                    if !send(&wake, facets) {
                        return;
                    }
                }
            }
        }
    }
}

/// One read with its own connection off the UI thread (a page, the network), for a panel that
/// reads the archive file itself: `f` runs on its own thread and the window is woken when its
/// answer is in. Dropping it drops the answer (a newer read superseded it).
pub struct Background<T> {
    rx: Receiver<T>,
}

impl<T: Send + 'static> Background<T> {
    /// Runs `f` on a new thread; `ctx` is woken when it is done.
    pub fn spawn(ctx: &egui::Context, f: impl FnOnce() -> T + Send + 'static) -> Self {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("arshif-page-read".into())
            .spawn(move || {
                let _ = tx.send(f());
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            // No thread to spare: nothing will answer; say so where the panel looks.
            eprintln!("arshif: a background read could not start: {e}");
        }
        Self { rx }
    }

    /// The answer, when it is in (never waits).
    pub fn poll(&self) -> Option<T> {
        self.rx.try_recv().ok()
    }

    /// Waits up to `timeout` for the answer (tests and screenshots only).
    pub fn wait(&self, timeout: Duration) -> Option<T> {
        self.rx.recv_timeout(timeout).ok()
    }
}

/// `e` and its causes in one line, "outer: cause: cause", leaving out a cause whose words (or
/// whose last part, after its own prefix such as "Error code 26: ") the line already holds:
/// SQLite's "file is not a database" comes back from three layers.
fn error_chain(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        let text = text.trim();
        let last = text.rsplit(": ").next().unwrap_or(text);
        if text.is_empty() || line.contains(text) || line.contains(last) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    line
}

#[cfg(test)]
mod chain_tests {
    #[test]
    fn a_cause_already_said_is_left_out() {
        let inner = anyhow::anyhow!("Error code 26: file is not a database");
        let e = inner
            .context("file is not a database")
            .context("cannot open the archive /a/b.sqlite: file is not a database");
        assert_eq!(
            super::error_chain(&e),
            "cannot open the archive /a/b.sqlite: file is not a database"
        );
        let e = anyhow::anyhow!("locked").context("the archive /a could not be opened");
        assert_eq!(
            super::error_chain(&e),
            "the archive /a could not be opened: locked"
        );
    }
}
