//! Decoded text → articles, one parser per file format. No I/O, no dates, no storage: the fields
//! are returned as written and [`super`] turns them into [`crate::store::NewArticle`]s.
//!
//! | format | headline | body | metadata |
//! |---|---|---|---|
//! | `.txt` | line 1 (first non-blank line) | the rest | — |
//! | `.md` | front matter `title`, else a leading `# heading`, else line 1 | after the front matter | YAML (`---`) or TOML (`+++`) front matter; wiki-link brackets (`[[Name]]`) of web clippers removed |
//! | `.html`/`.htm` | readability title | readability main text (dom_smoothie; no scripts run, nothing fetched) | `<meta>`/JSON-LD: author, site, published time, lang |
//! | `.json` | `title`/`headline` | `body`/`text`/`content` | same names as front matter; an object, an array of objects, or `{"articles": [...]}` (also `items`, `data`, `posts`, `entries`) |
//! | `.jsonl` | per line, as `.json` | | |
//! | `.csv` | header row with the same names | | |
//!
//! Field names (case-insensitive): date = `date`, `published`, `published_at`, `pubdate`,
//! `date_published`, `datepublished`, `created`; url = `url`, `link`, `canonical_url`, or `source`
//! when it looks like a URL; outlet = `outlet`, `site`, `site_name`, `publisher`, `source_name`,
//! or `source` when it is not a URL; author = `author`, `authors`, `byline`; lang = `lang`,
//! `language`; tags = `tags`, `keywords`, `categories` (a list or a comma-separated string);
//! `date_note` = a free note on the date.

use std::collections::HashMap;

/// The fields of one article as found in a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub headline: String,
    pub body: String,
    /// The raw date field, if any.
    pub date: Option<String>,
    pub date_note: Option<String>,
    pub lang: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
}

/// One article of a file, or why a part of the file is not one. `record` is `Some(n)` (1-based
/// record or line number) for formats that hold several articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub record: Option<usize>,
    pub parsed: Result<Parsed, String>,
}

/// The file formats Arshif imports, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Markdown,
    Html,
    Json,
    JsonLines,
    Csv,
}

impl Format {
    /// The format for a file extension (case-insensitive, without the dot).
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Txt,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "csv" => Format::Csv,
            _ => return None,
        })
    }
}

/// Supported extensions, for messages.
pub const EXTENSIONS: &str = ".txt .md .html .htm .json .jsonl .csv";

/// Parses decoded `text` as `format`. A file-level failure is one failed record with
/// `record: None`.
///
/// A file whose lines end with a lone CR (classic Mac OS, some exports) and has no LF at all
/// is read with LF line ends, so its first line is still the headline.
pub fn parse(format: Format, text: &str) -> Vec<Record> {
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n").into()
    } else {
        text.into()
    };
    let text = text.as_ref();
    let single = |parsed| {
        vec![Record {
            record: None,
            parsed,
        }]
    };
    match format {
        Format::Txt => single(parse_txt(text)),
        Format::Markdown => single(parse_markdown(text)),
        Format::Html => single(parse_html(text)),
        Format::Json => parse_json(text),
        Format::JsonLines => parse_json_lines(text),
        Format::Csv => parse_csv(text),
    }
}

/// Splits off the first non-blank line as headline; the rest (trimmed) is the body.
fn split_headline(text: &str) -> (String, String) {
    let text = text.trim_start();
    match text.split_once('\n') {
        Some((first, rest)) => (first.trim().to_string(), rest.trim().to_string()),
        None => (text.trim().to_string(), String::new()),
    }
}

fn finish(p: Parsed) -> Result<Parsed, String> {
    if p.headline.trim().is_empty() && p.body.trim().is_empty() {
        return Err("contains no text".into());
    }
    if p.body.trim().is_empty() {
        return Err("has a headline but no body text".into());
    }
    Ok(p)
}

fn parse_txt(text: &str) -> Result<Parsed, String> {
    let (headline, body) = split_headline(text);
    finish(Parsed {
        headline,
        body,
        ..Parsed::default()
    })
}

fn parse_markdown(text: &str) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let body = if let Some((front, body)) = split_front_matter(text, "---") {
        let docs = yaml_rust2::YamlLoader::load_from_str(front)
            .map_err(|e| format!("has front matter that is not valid YAML ({e})"))?;
        match docs.into_iter().next() {
            Some(yaml_rust2::Yaml::Hash(h)) => {
                let fields: HashMap<String, FieldValue> = h
                    .into_iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_lowercase(), yaml_value(v)?)))
                    .collect();
                apply_fields(&mut p, &fields);
            }
            None | Some(yaml_rust2::Yaml::Null) => {}
            Some(_) => {
                return Err("has front matter that is not a list of `key: value` fields".into());
            }
        }
        body
    } else if let Some((front, body)) = split_front_matter(text, "+++") {
        // Hugo's TOML front matter.
        let table: toml::Table = front
            .parse()
            .map_err(|e| format!("has TOML front matter (+++) that is not valid TOML ({e})"))?;
        let fields: HashMap<String, FieldValue> = table
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_lowercase(), toml_value(v)?)))
            .collect();
        apply_fields(&mut p, &fields);
        body
    } else if let Some(fence) = ["---", "+++"].into_iter().find(|f| {
        text.strip_prefix(f)
            .is_some_and(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    }) {
        return Err(format!(
            "has front matter that starts with `{fence}` on line 1 but is never closed by another \
             `{fence}` line"
        ));
    } else {
        text
    };
    let body = body.trim();
    if p.headline.is_empty() {
        let (first, rest) = split_headline(body);
        p.headline = first.trim_start_matches('#').trim().to_string();
        p.body = rest;
    } else {
        // Drop a leading "# Title" that repeats the front matter title.
        let (first, rest) = split_headline(body);
        if first.starts_with('#') && first.trim_start_matches('#').trim() == p.headline.trim() {
            p.body = rest;
        } else {
            p.body = body.to_string();
        }
    }
    finish(p)
}

/// `<fence>\n<front matter>\n<fence>\n<body>` → (front matter, body), for the fences `---`
/// (YAML; `...` also closes it) and `+++` (TOML). CRLF line ends are accepted.
fn split_front_matter<'a>(text: &'a str, fence: &str) -> Option<(&'a str, &'a str)> {
    let rest = text.strip_prefix(fence)?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

fn parse_html(text: &str) -> Result<Parsed, String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(text, None, Some(cfg))
        .map_err(|e| format!("is not an HTML page Arshif can read ({e})"))?;
    let a = r
        .parse()
        .map_err(|e| format!("has no article text that could be found ({e})"))?;
    let body = a.text_content.to_string();
    let mut p = Parsed {
        headline: a.title.trim().to_string(),
        body: body.trim().to_string(),
        date: a.published_time.filter(|s| !s.trim().is_empty()),
        lang: a.lang,
        outlet: a.site_name,
        url: a.url,
        author: a.byline,
        ..Parsed::default()
    };
    if p.headline.is_empty() {
        let (h, b) = split_headline(&p.body);
        p.headline = h;
        p.body = b;
    }
    finish(p)
}

fn parse_json(text: &str) -> Vec<Record> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Record {
                record: None,
                parsed: Err(format!("is not valid JSON ({e})")),
            }];
        }
    };
    // Exports often wrap the list: {"articles": [...]} (also "items", "data", "posts", "entries").
    let value = match value {
        serde_json::Value::Object(mut map)
            if !["title", "headline", "body", "text", "content"]
                .iter()
                .any(|k| map.contains_key(*k)) =>
        {
            match ["articles", "items", "data", "posts", "entries"]
                .iter()
                .find(|k| map.get(**k).is_some_and(serde_json::Value::is_array))
            {
                Some(k) => map.remove(*k).unwrap_or_default(),
                None => serde_json::Value::Object(map),
            }
        }
        v => v,
    };
    match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| Record {
                record: Some(i + 1),
                parsed: json_article(v),
            })
            .collect(),
        v @ serde_json::Value::Object(_) => vec![Record {
            record: None,
            parsed: json_article(v),
        }],
        _ => vec![Record {
            record: None,
            parsed: Err("is JSON but neither an article object nor a list of them".into()),
        }],
    }
}

fn parse_json_lines(text: &str) -> Vec<Record> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| Record {
            record: Some(i + 1),
            parsed: serde_json::from_str(line)
                .map_err(|e| format!("line {} is not valid JSON ({e})", i + 1))
                .and_then(json_article),
        })
        .collect()
}

fn json_article(v: serde_json::Value) -> Result<Parsed, String> {
    let serde_json::Value::Object(map) = v else {
        return Err("is not a JSON object with article fields".into());
    };
    let fields: HashMap<String, FieldValue> = map
        .into_iter()
        .filter_map(|(k, v)| {
            let fv = match v {
                serde_json::Value::String(s) => FieldValue::Text(s),
                serde_json::Value::Number(n) => FieldValue::Text(n.to_string()),
                serde_json::Value::Array(a) => FieldValue::List(
                    a.into_iter()
                        .filter_map(|x| match x {
                            serde_json::Value::String(s) => Some(s),
                            serde_json::Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect(),
                ),
                _ => return None,
            };
            Some((k.to_lowercase(), fv))
        })
        .collect();
    record_from_fields(&fields)
}

fn parse_csv(text: &str) -> Vec<Record> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{FEFF}').to_lowercase())
            .collect(),
        Err(e) => {
            return vec![Record {
                record: None,
                parsed: Err(format!("has no readable CSV header row ({e})")),
            }];
        }
    };
    if !headers
        .iter()
        .any(|h| matches!(h.as_str(), "body" | "text" | "content"))
    {
        return vec![Record {
            record: None,
            parsed: Err(format!(
                "has no `body` or `text` column in its header row (columns: {})",
                headers.join(", ")
            )),
        }];
    }
    let columns = headers.len();
    let body_column = headers
        .iter()
        .position(|h| matches!(h.as_str(), "body" | "text" | "content"))
        .unwrap_or(0);
    rdr.records()
        .enumerate()
        .map(|(i, rec)| {
            // Record numbers as a spreadsheet shows its rows: the header is row 1 (a cell with
            // line breaks inside quotes is still one row).
            let row = i + 2;
            let parsed = rec
                .map_err(|e| format!("row {row} is not valid CSV ({e})"))
                .and_then(|rec| {
                    if rec.len() > columns {
                        return Err(format!(
                            "row {row} has {} cells but the header has {columns} columns \
                             (an unquoted comma in a cell?); the row is not imported",
                            rec.len()
                        ));
                    }
                    if rec.len() <= body_column {
                        return Err(format!(
                            "row {row} has {} cells but the header has {columns} columns, so it has \
                             no `{}` cell",
                            rec.len(),
                            headers[body_column]
                        ));
                    }
                    let fields: HashMap<String, FieldValue> = headers
                        .iter()
                        .zip(rec.iter())
                        .map(|(h, v)| (h.clone(), FieldValue::Text(v.to_string())))
                        .collect();
                    record_from_fields(&fields)
                });
            Record {
                record: Some(row),
                parsed,
            }
        })
        .collect()
}

fn record_from_fields(fields: &HashMap<String, FieldValue>) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    apply_fields(&mut p, fields);
    p.body = first_text(fields, &["body", "text", "content"])
        .unwrap_or_default()
        .trim()
        .to_string();
    if p.headline.is_empty() {
        let (h, b) = split_headline(&p.body);
        p.headline = h;
        p.body = b;
    }
    finish(p)
}

/// A metadata value: scalar text or a list of texts.
#[derive(Debug, Clone)]
enum FieldValue {
    Text(String),
    List(Vec<String>),
}

fn yaml_value(v: yaml_rust2::Yaml) -> Option<FieldValue> {
    use yaml_rust2::Yaml;
    let scalar = |v: Yaml| match v {
        Yaml::String(s) | Yaml::Real(s) => Some(s),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    };
    match v {
        Yaml::Array(a) => Some(FieldValue::List(a.into_iter().filter_map(scalar).collect())),
        other => scalar(other).map(FieldValue::Text),
    }
}

fn toml_value(v: toml::Value) -> Option<FieldValue> {
    let scalar = |v: toml::Value| match v {
        toml::Value::String(s) => Some(s),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    };
    match v {
        toml::Value::Array(a) => Some(FieldValue::List(a.into_iter().filter_map(scalar).collect())),
        other => scalar(other).map(FieldValue::Text),
    }
}

/// Removes wiki-link brackets that web clippers put around names (`[[Agenzia Nova]]`).
fn unwiki(s: &str) -> String {
    s.trim()
        .trim_start_matches("[[")
        .trim_end_matches("]]")
        .trim()
        .to_string()
}

fn first_text(fields: &HashMap<String, FieldValue>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match fields.get(*n)? {
        FieldValue::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        FieldValue::List(l) if !l.is_empty() => {
            Some(l.iter().map(|s| unwiki(s)).collect::<Vec<_>>().join(", "))
        }
        _ => None,
    })
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

fn apply_fields(p: &mut Parsed, fields: &HashMap<String, FieldValue>) {
    p.headline = first_text(fields, &["title", "headline"]).unwrap_or_default();
    p.date = first_text(
        fields,
        &[
            "date",
            "published",
            "published_at",
            "pubdate",
            "date_published",
            "datepublished",
            "created",
        ],
    );
    p.date_note = first_text(fields, &["date_note"]);
    p.lang = first_text(fields, &["lang", "language"]);
    p.author = first_text(fields, &["author", "authors", "byline"]).map(|a| unwiki(&a));
    let source = first_text(fields, &["source"]);
    p.url = first_text(fields, &["url", "link", "canonical_url"])
        .or_else(|| source.clone().filter(|s| looks_like_url(s)));
    p.outlet = first_text(
        fields,
        &["outlet", "site", "site_name", "publisher", "source_name"],
    )
    .map(|o| unwiki(&o))
    .or_else(|| source.filter(|s| !looks_like_url(s)));
    p.tags = match ["tags", "keywords", "categories"]
        .iter()
        .find_map(|n| fields.get(*n))
    {
        Some(FieldValue::List(l)) => l
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(FieldValue::Text(s)) => s
            .split([',', '،'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        None => Vec::new(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(format: Format, text: &str) -> Result<Parsed, String> {
        let mut v = parse(format, text);
        assert_eq!(v.len(), 1);
        v.remove(0).parsed
    }

    #[test]
    fn txt_line_one_is_the_headline() {
        let p = one(Format::Txt, "\nعنوان الخبر\r\nالسطر الأول.\nالسطر الثاني.\n").unwrap();
        assert_eq!(p.headline, "عنوان الخبر");
        assert_eq!(p.body, "السطر الأول.\nالسطر الثاني.");
        assert_eq!(one(Format::Txt, "  \n \n").unwrap_err(), "contains no text");
        assert_eq!(
            one(Format::Txt, "only a headline").unwrap_err(),
            "has a headline but no body text"
        );
    }

    #[test]
    fn markdown_front_matter_fields() {
        let md = "---\ntitle: \"Lamorgese a Tripoli\"\ndate: 2021-04-19\nsource: https://example.org/a\nauthor: Redazione\nlang: it\ntags: [Libia, migranti]\ndate_note: from other reports\n---\n# Lamorgese a Tripoli\n\nLa ministra è arrivata.\n";
        let p = one(Format::Markdown, md).unwrap();
        assert_eq!(p.headline, "Lamorgese a Tripoli");
        assert_eq!(p.body, "La ministra è arrivata.");
        assert_eq!(p.date.as_deref(), Some("2021-04-19"));
        assert_eq!(p.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(p.outlet, None);
        assert_eq!(p.author.as_deref(), Some("Redazione"));
        assert_eq!(p.lang.as_deref(), Some("it"));
        assert_eq!(p.tags, ["Libia", "migranti"]);
        assert_eq!(p.date_note.as_deref(), Some("from other reports"));

        let p = one(
            Format::Markdown,
            "---\npublished: 2020\nsource: ANSA\ntags: a, b\n---\nTitolo\nTesto.",
        )
        .unwrap();
        assert_eq!((p.headline.as_str(), p.body.as_str()), ("Titolo", "Testo."));
        assert_eq!(p.date.as_deref(), Some("2020"));
        assert_eq!(p.outlet.as_deref(), Some("ANSA"));
        assert_eq!(p.tags, ["a", "b"]);
        assert!(
            one(Format::Markdown, "---\ntitle: [unclosed\n---\nbody")
                .unwrap_err()
                .contains("not valid YAML")
        );
    }

    #[test]
    fn web_clipper_and_hugo_front_matter() {
        // Obsidian Web Clipper style: wiki-linked authors, `published`, `source` URL.
        let md = "---\ntitle: \"Libia, Tajani a Bengasi\"\nsource: \"https://www.agenzianova.com/a\"\nauthor:\n  - \"[[Agenzia Nova]]\"\npublished: 2023-05-04\ncreated: 2026-11-20\ntags:\n  - \"clippings\"\n---\nIl ministro degli Esteri è arrivato a Bengasi.\n";
        let p = one(Format::Markdown, md).unwrap();
        assert_eq!(p.author.as_deref(), Some("Agenzia Nova"));
        assert_eq!(p.date.as_deref(), Some("2023-05-04"));
        assert_eq!(p.url.as_deref(), Some("https://www.agenzianova.com/a"));
        assert_eq!(p.tags, ["clippings"]);
        // Hugo TOML front matter, with a TOML datetime.
        let md = "+++\ntitle = \"Draghi a Tripoli\"\ndate = 2021-04-06T10:00:00+02:00\ntags = [\"Libia\"]\n+++\nIl presidente del Consiglio è a Tripoli.\n";
        let p = one(Format::Markdown, md).unwrap();
        assert_eq!(p.headline, "Draghi a Tripoli");
        assert_eq!(p.date.as_deref(), Some("2021-04-06T10:00:00+02:00"));
        assert_eq!(p.body, "Il presidente del Consiglio è a Tripoli.");
        assert!(
            one(Format::Markdown, "+++\ntitle = \n+++\nx\ny")
                .unwrap_err()
                .contains("not valid TOML")
        );
        // A Markdown file without front matter: a leading heading is the headline.
        let p = one(Format::Markdown, "# عنوان\n\nنص الخبر.").unwrap();
        assert_eq!(
            (p.headline.as_str(), p.body.as_str()),
            ("عنوان", "نص الخبر.")
        );
    }

    #[test]
    fn json_jsonl_csv_records() {
        let v = parse(
            Format::Json,
            r#"{"source":"export","articles":[{"title":"A","text":"Body A"},{"title":"B","text":"Body B"}]}"#,
        );
        assert_eq!(
            v.iter()
                .map(|r| (r.record, r.parsed.as_ref().unwrap().headline.as_str()))
                .collect::<Vec<_>>(),
            [(Some(1), "A"), (Some(2), "B")]
        );
        assert!(
            parse(Format::Json, r#"{"source":"x"}"#)[0]
                .parsed
                .as_ref()
                .unwrap_err()
                .contains("no text")
        );

        let v = parse(
            Format::Json,
            r#"[{"title":"A","body":"Body A","date":"2021-01-02","outlet":"X"},{"title":"B"},7]"#,
        );
        assert_eq!(v.len(), 3);
        let a = v[0].parsed.as_ref().unwrap();
        assert_eq!(
            (
                a.headline.as_str(),
                a.body.as_str(),
                a.date.as_deref(),
                a.outlet.as_deref()
            ),
            ("A", "Body A", Some("2021-01-02"), Some("X"))
        );
        assert_eq!(
            v[1].parsed.as_ref().unwrap_err(),
            "has a headline but no body text"
        );
        assert_eq!(v[2].record, Some(3));

        let v = parse(
            Format::JsonLines,
            "{\"title\":\"A\",\"text\":\"t\"}\n\nnot json\n",
        );
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].parsed.as_ref().unwrap().body, "t");
        assert_eq!(v[1].record, Some(3));
        assert!(
            v[1].parsed
                .as_ref()
                .unwrap_err()
                .starts_with("line 3 is not valid JSON")
        );

        let v = parse(
            Format::Csv,
            "Title,Body,Date,URL\n\"عنوان, مع فاصلة\",\"نص\nبسطرين\",2021-04-19,https://x.ly/1\n",
        );
        assert_eq!(v.len(), 1);
        let a = v[0].parsed.as_ref().unwrap();
        assert_eq!(
            (a.headline.as_str(), a.body.as_str()),
            ("عنوان, مع فاصلة", "نص\nبسطرين")
        );
        assert_eq!(a.url.as_deref(), Some("https://x.ly/1"));
        assert!(
            parse(Format::Csv, "a,b\n1,2\n")[0]
                .parsed
                .as_ref()
                .unwrap_err()
                .contains("no `body` or `text` column")
        );
    }

    #[test]
    fn html_main_text_without_scripts() {
        let page = r#"<html lang="ar"><head><title>لقاء في طرابلس</title>
            <meta property="article:published_time" content="2021-04-19T10:00:00Z">
            <script>document.write("SCRIPT-RAN")</script></head>
            <body><nav>الرئيسية | أخبار</nav><article><h1>لقاء في طرابلس</h1>
            <p>بحث وزير الداخلية الليبية خالد مازن مع وزيرة الداخلية الإيطالية لوتشانا لامورجيزي في طرابلس تفعيل الاتفاقيات الأمنية الموقعة بين البلدين.</p>
            <p>وأوضحت وزارة الداخلية الليبية أن الوزيرين بحثا خلال اللقاء بمقر الحكومة العمل على إعادة توطين المهاجرين.</p>
            </article></body></html>"#;
        let p = one(Format::Html, page).unwrap();
        assert_eq!(p.headline, "لقاء في طرابلس");
        assert!(p.body.contains("لوتشانا لامورجيزي في طرابلس"), "{}", p.body);
        assert!(!p.body.contains("SCRIPT-RAN"));
        assert_eq!(p.date.as_deref(), Some("2021-04-19T10:00:00Z"));
        assert_eq!(p.lang.as_deref(), Some("ar"));
    }
}
