//! [`StoreRunner`]: the worker's jobs run against the archive file (import, extraction, export,
//! edits, backup, restore), through the archive's one [`Writer`].

use super::*;

/// Runs jobs against the archive file: imports with [`crate::pipeline::import_and_extract`] and
/// exports with [`crate::pipeline::export_to_file`], through the worker's OWN connection (opened
/// on first use, so the UI's
/// reads never wait on it: WAL).
///
/// The connection is the archive's one [`Writer`] in this process, shared with the inbox folder's
/// imports: a job holds it for its whole run (and says it waits while an inbox batch holds it).
/// A job that fails because another process holds the archive's lock past SQLite's busy timeout
/// is run again (up to [`LOCK_RETRIES`] times), the status bar saying "another Arshif is writing
/// to this archive; waiting…", never an error for a lock.
pub struct StoreRunner {
    path: PathBuf,
    writer: Writer,
    /// The writer's connection while a job runs (taken from the writer, put back after).
    store: Option<crate::store::Store>,
    extractor: Option<crate::extract::Extractor>,
    /// Open the archive read-only (see [`StoreRunner::read_only`]).
    read_only: bool,
}

/// How many times a job refused by another process's lock is run again (each try waits up to
/// [`crate::store::BUSY_TIMEOUT`] inside SQLite first): about a minute in all.
pub const LOCK_RETRIES: usize = 12;

/// True when `summary` failed only because another connection held the archive's lock past the
/// busy timeout (SQLite's "database is locked" / "database is busy").
pub fn failed_on_lock(summary: &Summary) -> bool {
    let locked = |t: &str| t.contains("database is locked") || t.contains("database is busy");
    summary
        .error
        .as_ref()
        .is_some_and(|e| e.cause().chain().any(|c| locked(&c.to_string())))
        || summary.problems.iter().any(|p| locked(p))
}

impl StoreRunner {
    /// A runner writing to the archive at `path` through its [`Writer`] (the one the inbox folder
    /// shares in this process).
    pub fn new(path: PathBuf) -> Self {
        let writer = Writer::for_archive(&path);
        Self {
            path,
            writer,
            store: None,
            extractor: None,
            read_only: false,
        }
    }

    /// With `true`, the runner opens the archive read-only ([`crate::store::Store::open_read_only`]):
    /// exports and backups work, writes fail (the app refuses them before they get here).
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// The archive's writer this runner writes through.
    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    /// Exports through the one export path ([`crate::pipeline::export_to_file`], as `arshif
    /// export` does) exactly the rows the timeline shows (the same filter), in `format`.
    /// [`Job::Backup`] on the writer's connection (a backup only reads, but holding the writer
    /// keeps an inbox batch from waiting on a half-made copy's checks).
    fn backup(&mut self, dest: &Path) -> Summary {
        match self
            .store()
            .and_then(|s| s.backup_to(dest).map_err(|e| e.to_string()))
        {
            Ok(r) => Summary {
                headline: format!(
                    "Backed up {} articles to {} ({:.1} MB)",
                    r.articles,
                    dest.display(),
                    r.bytes as f64 / 1e6
                ),
                headline_ar: Some(format!(
                    "نُسخ الأرشيف احتياطياً إلى \u{2066}{}\u{2069}: {}",
                    dest.display(),
                    crate::ui::i18n::count(
                        crate::ui::UiLang::Ar,
                        r.articles as usize,
                        crate::ui::i18n::Noun::Article
                    )
                )),
                ..Default::default()
            },
            Err(e) => Summary {
                headline: format!("Backup to {} failed", dest.display()),
                headline_ar: Some(format!(
                    "فشل النسخ الاحتياطي إلى \u{2066}{}\u{2069}",
                    dest.display()
                )),
                problems: vec![e],
                ..Default::default()
            },
        }
    }

    /// [`Job::Restore`]: the archive file this runner writes is replaced by `src` (checked
    /// first; the old archive kept as `ARCHIVE.before-restore.bak`).
    fn restore(&mut self, src: &Path) -> Summary {
        // The restore opens its own connection and takes the write lock for the swap: hold the
        // writer so no inbox batch of this process runs into it.
        if let Err(e) = self.store() {
            return Summary {
                headline: format!("Restore from {} failed", src.display()),
                problems: vec![e],
                ..Default::default()
            };
        }
        match crate::store::backup::restore_from(src, &self.path, true) {
            Ok(_) => Summary {
                headline: format!("Restored the archive from {}", src.display()),
                headline_ar: Some(format!(
                    "استُعيد الأرشيف من \u{2066}{}\u{2069}",
                    src.display()
                )),
                archive_changed: true,
                ..Default::default()
            },
            Err(e) => Summary {
                headline: format!("Restore from {} failed", src.display()),
                headline_ar: Some(format!(
                    "فشلت الاستعادة من \u{2066}{}\u{2069}",
                    src.display()
                )),
                problems: vec![e.to_string()],
                ..Default::default()
            },
        }
    }

    fn export_store(
        &mut self,
        path: &Path,
        filter: &Filter,
        format: crate::export::Format,
        options: &crate::export::ExportOptions,
    ) -> Summary {
        let q = crate::ui::filter::for_query(filter);
        let result = self.store().and_then(|store| {
            crate::pipeline::export_to_file(store, &q, format, options, path)
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(s) => Summary {
                headline: format!("{s}, to {}", path.display()),
                headline_ar: Some(format!(
                    "صُدِّر إلى \u{2066}{}\u{2069}: {}",
                    path.display(),
                    crate::ui::i18n::count(
                        crate::ui::UiLang::Ar,
                        s.written,
                        crate::ui::i18n::Noun::Meeting
                    )
                )),
                ..Default::default()
            },
            Err(e) => Summary {
                headline: format!("Export to {} failed", path.display()),
                headline_ar: Some(format!(
                    "فشل التصدير إلى \u{2066}{}\u{2069}",
                    path.display()
                )),
                problems: vec![e],
                ..Default::default()
            },
        }
    }

    /// The worker's connection to the archive, opened on first use.
    fn open_store(&mut self) -> Result<&mut crate::store::Store, JobError> {
        if self.store.is_none() {
            let opened = if self.read_only {
                crate::store::Store::open_read_only(&self.path)
            } else {
                crate::store::Store::open(&self.path)
            };
            let store = opened.map_err(|e| JobError::new(Step::Job, e))?;
            self.store = Some(store);
        }
        Ok(self.store.as_mut().expect("just opened"))
    }

    /// [`StoreRunner::open_store`] for the export, which still words its errors itself.
    fn store(&mut self) -> Result<&mut crate::store::Store, String> {
        self.open_store().map_err(|e| e.to_string())
    }

    /// An extractor over the shipped gazetteer plus the user's additions (aliases, officials)
    /// kept in the archive ([`crate::pipeline::archive_extractor`]).
    fn new_extractor(&mut self) -> crate::extract::Extractor {
        self.open_store()
            .ok()
            .and_then(|s| crate::pipeline::archive_extractor(s).ok())
            .unwrap_or_else(|| {
                crate::extract::Extractor::new(&crate::gazetteer::Gazetteer::shipped())
            })
    }

    /// The cached extractor, taken out while the store is borrowed mutably (put it back in
    /// `self.extractor` afterwards).
    fn take_extractor(&mut self) -> crate::extract::Extractor {
        match self.extractor.take() {
            Some(x) => x,
            None => self.new_extractor(),
        }
    }

    /// The gazetteer extraction uses now (building the extractor if needed): names the people
    /// and topics in status lines.
    fn gazetteer(&mut self) -> &crate::gazetteer::Gazetteer {
        if self.extractor.is_none() {
            self.extractor = Some(self.new_extractor());
        }
        self.extractor.as_ref().expect("just built").gazetteer()
    }

    /// Runs the extraction catch-up; returns (articles read, meetings stored, cancelled).
    fn extract(
        &mut self,
        progress: &Progress<'_>,
    ) -> Result<crate::pipeline::ExtractReport, JobError> {
        let extractor = self.take_extractor();
        let result = self.open_store().and_then(|store| {
            crate::pipeline::extract_pending(
                store,
                &extractor,
                &mut |done, total| progress.report(done, total, "finding meetings"),
                progress.cancel_flag(),
            )
            .map_err(|e| JobError::new(Step::Job, e))
        });
        self.extractor = Some(extractor);
        result
    }

    /// Runs one edit-log operation (`op` on the write connection), then the extraction it needs
    /// (an article date or a gazetteer change: every article concerned is read again, with
    /// progress). The summary's headline is "`done`: the edit in words" in the UI language
    /// ("Corrected: the meeting's place: Rome"), plus, after a gazetteer change, how many
    /// articles were read again and in how many meetings the person is now found.
    fn edit(
        &mut self,
        done: &'static str,
        op: impl FnOnce(
            &crate::store::Store,
        ) -> Result<Option<crate::edits::Applied>, crate::edits::EditError>,
        progress: &Progress<'_>,
    ) -> Summary {
        let lang = progress.lang();
        let applied = self
            .open_store()
            .and_then(|store| op(store).map_err(|e| JobError::new(Step::Job, e)));
        match applied {
            Ok(None) => Summary {
                headline: tr(
                    lang,
                    if done == "Redone" {
                        "Nothing to redo"
                    } else {
                        "Nothing to undo"
                    },
                )
                .to_owned(),
                ..Default::default()
            },
            Ok(Some(a)) => {
                if a.gazetteer_changed {
                    self.extractor = None;
                }
                let mut error = None;
                let mut after = String::new();
                if a.needs_extraction() {
                    progress.started(tr(lang, "Finding meetings again"), None);
                    match self.extract(progress) {
                        Ok(x) if a.gazetteer_changed => {
                            after = format!(
                                "; {}",
                                tr(lang, "{} articles read again").replacen(
                                    "{}",
                                    &x.articles.to_string(),
                                    1
                                )
                            );
                        }
                        Ok(_) => {}
                        Err(e) => error = Some(e.during(Step::FindingMeetingsAgain)),
                    }
                }
                let person = match &a.edit {
                    crate::edits::Edit::AddOfficial { person } => Some(person.id.clone()),
                    crate::edits::Edit::AddAlias {
                        entity: crate::edits::EntityKind::Person,
                        key,
                        ..
                    } => Some(key.clone()),
                    _ => None,
                };
                if let Some(key) = person
                    && let Ok(store) = self.open_store()
                {
                    let f = crate::query::Filter {
                        officials: [key].into_iter().collect(),
                        ..Default::default()
                    };
                    if let Ok(rows) = crate::query::timeline(store, &f) {
                        after.push_str(&format!(
                            ", {}",
                            tr(lang, "found in {} meetings").replacen(
                                "{}",
                                &rows.len().to_string(),
                                1
                            )
                        ));
                    }
                }
                let what =
                    crate::ui::edit_words::describe_edit(&a.edit, lang, Some(self.gazetteer()));
                Summary {
                    headline: format!("{}: {what}{after}", tr(lang, done)),
                    error,
                    archive_changed: true,
                    ..Default::default()
                }
            }
            Err(e) => Summary {
                headline: format!("{}: {}", tr(lang, done), tr(lang, "failed")),
                error: Some(e),
                ..Default::default()
            },
        }
    }

    fn import(&mut self, paths: &[PathBuf], progress: &Progress<'_>) -> Summary {
        let extractor = self.take_extractor();
        let store = match self.open_store() {
            Ok(s) => s,
            Err(e) => {
                self.extractor = Some(extractor);
                return Summary {
                    headline: "Import failed: the archive could not be opened".into(),
                    headline_ar: Some("فشل الاستيراد: تعذّر فتح الأرشيف".into()),
                    error: Some(e),
                    ..Default::default()
                };
            }
        };
        let mut report_progress = |p: &crate::import::Progress| {
            progress.report(p.done, p.total, &p.current);
        };
        // The one import path of the app, `arshif import` and the inbox folder.
        let run = crate::pipeline::import_and_extract(
            store,
            &extractor,
            paths,
            &mut report_progress,
            &mut |done, total| progress.report(done, total, "finding meetings"),
            progress.cancel_flag(),
        );
        self.extractor = Some(extractor);
        match run {
            Ok(crate::pipeline::ImportRun { import: r, found }) => {
                let en = |n, noun| crate::ui::i18n::count(crate::ui::UiLang::En, n, noun);
                use crate::ui::i18n::Noun;
                let (found, found_ar) = match found {
                    Ok(x) if r.imported > 0 && !r.cancelled => (
                        format!("; {} found", en(x.meetings, Noun::Meeting)),
                        format!(" · لقاءات وُجدت: {}", x.meetings),
                    ),
                    Ok(_) => (String::new(), String::new()),
                    Err(e) => (
                        format!("; finding meetings failed: {e}"),
                        format!(" · فشل استخراج اللقاءات: {e}"),
                    ),
                };
                let problems = r
                    .files
                    .iter()
                    .filter(|f| f.outcome == crate::import::Outcome::Failed)
                    .map(|f| {
                        f.reason
                            .clone()
                            .unwrap_or_else(|| format!("{}: failed", f.path))
                    })
                    .collect();
                Summary {
                    headline: format!(
                        "{}{} imported; {} already in the archive, {} failed, {} skipped{found}",
                        if r.cancelled { "Cancelled. " } else { "" },
                        en(r.imported, Noun::Article),
                        r.duplicates,
                        r.failed,
                        r.skipped
                    ),
                    // Label: number pairs read naturally in Arabic without number agreement.
                    headline_ar: Some(format!(
                        "{}الاستيراد: جديدة {} · موجودة في الأرشيف {} · فشلت {} · تُخطّيت {}{found_ar}",
                        if r.cancelled { "أُلغي. " } else { "" },
                        r.imported,
                        r.duplicates,
                        r.failed,
                        r.skipped
                    )),
                    problems,
                    cancelled: r.cancelled,
                    archive_changed: r.imported > 0,
                    found: None,
                    error: None,
                }
            }
            Err(e) => Summary {
                headline: "Import stopped: the archive failed".into(),
                headline_ar: Some("توقف الاستيراد: تعطّل الأرشيف".into()),
                error: Some(JobError::new(Step::Job, e)),
                archive_changed: true,
                ..Default::default()
            },
        }
    }
}

impl JobRunner for StoreRunner {
    /// Runs `job` holding the archive's writer (waiting, and saying so, while the inbox folder's
    /// import holds it); runs it again while another process's lock makes it fail.
    fn run(&mut self, job: Job, progress: &Progress<'_>) -> Summary {
        let writer = self.writer.clone();
        let mut turn = match writer.try_turn() {
            Some(t) => t,
            None => {
                progress.started(
                    tr(progress.lang(), "Waiting for the inbox folder's import…"),
                    None,
                );
                writer.turn()
            }
        };
        self.store = turn.take();
        // While SQLite waits for another process's lock (up to the store's busy timeout), the
        // status bar says so: the store calls this on this thread once per wait.
        let (tx, ctx) = (progress.tx.clone(), progress.ctx.cloned());
        let waiting = tr(
            progress.lang(),
            "Another Arshif is writing to this archive; waiting…",
        );
        crate::store::set_thread_wait_notice(Some(Box::new(move || {
            let _ = tx.send(Event::Started {
                what: waiting.to_owned(),
                total: None,
            });
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        })));
        let mut summary = self.run_once(job.clone(), progress);
        for _ in 0..LOCK_RETRIES {
            if !failed_on_lock(&summary) || progress.cancelled() {
                break;
            }
            progress.started(
                tr(
                    progress.lang(),
                    "Another Arshif is writing to this archive; waiting…",
                ),
                None,
            );
            std::thread::sleep(Duration::from_millis(500));
            summary = self.run_once(job.clone(), progress);
        }
        crate::store::set_thread_wait_notice(None);
        turn.put(self.store.take());
        summary
    }
}

impl StoreRunner {
    fn run_once(&mut self, job: Job, progress: &Progress<'_>) -> Summary {
        match job {
            Job::Import { paths } => self.import(&paths, progress),
            Job::Extract => match self.extract(progress) {
                Ok(x) => Summary {
                    headline: format!(
                        "{}Found {} meetings in {} articles",
                        if x.cancelled { "Cancelled. " } else { "" },
                        x.meetings,
                        x.articles
                    ),
                    cancelled: x.cancelled,
                    archive_changed: x.articles > 0,
                    found: Some((x.meetings, x.articles)),
                    ..Default::default()
                },
                Err(e) => Summary {
                    headline: "Finding meetings failed".into(),
                    headline_ar: Some("فشل استخراج اللقاءات".into()),
                    error: Some(e),
                    ..Default::default()
                },
            },
            Job::Edit { meeting_id, change } => self.edit(
                "Corrected",
                |conn| {
                    let target = crate::edits::meeting_ref(conn, meeting_id as i64)?;
                    let edit = crate::edits::Edit::Meeting { target, change };
                    crate::edits::apply(conn, &edit).map(Some)
                },
                progress,
            ),
            Job::ArticleDate { meeting_id, date } => self.edit(
                "Dated",
                |conn| {
                    let target = crate::edits::meeting_ref(conn, meeting_id as i64)?;
                    let edit = crate::edits::Edit::ArticleDate {
                        article_id: target.article_id,
                        date: Some(date),
                    };
                    crate::edits::apply(conn, &edit).map(Some)
                },
                progress,
            ),
            Job::Apply { edit } => self.edit(
                match edit {
                    crate::edits::Edit::AddAlias { .. }
                    | crate::edits::Edit::AddOfficial { .. } => "Added",
                    _ => "Corrected",
                },
                |conn| crate::edits::apply(conn, &edit).map(Some),
                progress,
            ),
            Job::Undo => self.edit("Undone", crate::edits::undo, progress),
            Job::Redo => self.edit("Redone", crate::edits::redo, progress),
            Job::Export {
                path,
                filter,
                format,
                options,
            } => self.export_store(&path, &filter, format, &options),
            Job::Backup { path } => self.backup(&path),
            Job::Restore { path } => self.restore(&path),
        }
    }
}
