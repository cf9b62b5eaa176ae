//! Facts about the machine and the process for the benchmark: resident memory high-water marks
//! (Linux `/proc`), the CPU model and the number of cores.

/// The process's peak resident set size in MB (`VmHWM` of `/proc/self/status`), on Linux.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The current resident set size in MB (`VmRSS`), on Linux.
pub fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resets the high-water mark to the current resident size (writes `5` to
/// `/proc/self/clear_refs`, Linux ≥ 4.0). Returns whether the reset took: `false` when the file
/// cannot be written (then [`peak_rss_mb`] keeps the running high-water mark).
pub fn reset_peak_rss() -> bool {
    if std::fs::write("/proc/self/clear_refs", "5").is_err() {
        return false;
    }
    // The reset took when the mark is back near the current size.
    matches!((peak_rss_mb(), rss_mb()), (Some(p), Some(r)) if p <= r + 1.0)
}

/// The peak resident size of the largest waited-for child process in MB (`ru_maxrss` of
/// `RUSAGE_CHILDREN`), or `None` when unknown.
pub fn children_peak_rss_mb() -> Option<f64> {
    // SAFETY: `getrusage` writes into the zeroed struct it is given; no other invariant.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (rc == 0 && usage.ru_maxrss > 0).then(|| usage.ru_maxrss as f64 / 1024.0)
}

/// The machine the numbers were measured on.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Machine {
    /// Logical cores this process may use.
    pub cores: usize,
    /// `model name` of the first processor in `/proc/cpuinfo` (empty elsewhere).
    pub cpu: String,
    /// Total memory in MB (`MemTotal` of `/proc/meminfo`), when known.
    pub memory_mb: Option<u64>,
    /// `std::env::consts::OS`.
    pub os: String,
    /// When the run started (UTC, RFC 3339).
    pub date: String,
    /// Whether the binary was built with optimisations (`cargo build --release`).
    pub release_build: bool,
}

impl Machine {
    /// This machine, now.
    pub fn here() -> Self {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_owned())
            })
            .unwrap_or_default();
        let memory_mb = std::fs::read_to_string("/proc/meminfo").ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("MemTotal:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024)
        });
        Self {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu,
            memory_mb,
            os: std::env::consts::OS.to_owned(),
            date: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            release_build: !cfg!(debug_assertions),
        }
    }
}
