//! A real SMTP server on loopback for the mail tests: Python's `aiosmtpd` (from PyPI,
//! installed into `target/smtp` by `scripts/setup.sh`), delivering into a maildir the
//! test reads.

use std::path::PathBuf;
use std::process::Stdio;

/// A running `aiosmtpd`, stopped when dropped.
pub struct Smtp {
    port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipients (`X-RcptTo`, added by the server).
    pub to: String,
    pub subject: String,
    /// The text (of a multipart message: its text part).
    pub body: String,
    /// Attached files: (file name, bytes).
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// The Python that has aiosmtpd: `PLANTRACK_TEST_AIOSMTPD_PYTHON`, else `target/smtp`'s.
fn python() -> PathBuf {
    if let Ok(p) = std::env::var("PLANTRACK_TEST_AIOSMTPD_PYTHON") {
        return p.into();
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/smtp/bin/python")
}

impl Smtp {
    /// Starts the server on a free loopback port and waits until it answers.
    pub async fn start() -> Smtp {
        let python = python();
        assert!(
            python.exists(),
            "{} is missing: run scripts/setup.sh (it installs aiosmtpd into target/smtp)",
            python.display()
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        // std's process (not tokio's): the tests build tokio with the app's features only.
        let mut child = std::process::Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Smtp { port, dir, child };
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not answer on port {port}");
    }

    /// The `PLANTRACK_SMTP_URL` that reaches it.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<Received> {
        let mut all = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.dir.path().join("mail").join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).expect("a text message");
                all.push(parse(&text));
            }
        }
        all
    }
}

/// A header's value in `head` ("" when absent).
fn header_in(head: &str, name: &str) -> String {
    head.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
        .unwrap_or_default()
}

/// A part's body decoded by its transfer encoding.
fn decoded(head: &str, body: &str) -> Vec<u8> {
    use base64::Engine;
    let encoding = header_in(head, "Content-Transfer-Encoding").to_ascii_lowercase();
    match encoding.as_str() {
        "quoted-printable" => decode_qp(body).into_bytes(),
        "base64" => {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .expect("base64 part")
        }
        _ => body.as_bytes().to_vec(),
    }
}

/// The file name a Content-Disposition gives, whole or in RFC 2231 pieces
/// (`filename*0*=utf-8''report-; filename*1*=fy2027.pdf`).
fn filename(disposition: &str) -> Option<String> {
    let mut name = String::new();
    let mut found = false;
    for p in disposition.split(';') {
        let Some((key, value)) = p.trim().split_once('=') else {
            continue;
        };
        if !key.starts_with("filename") {
            continue;
        }
        found = true;
        let value = value.trim_matches('"');
        let value = value.strip_prefix("utf-8''").unwrap_or(value);
        name.push_str(&decode_percent(value));
    }
    found.then_some(name)
}

/// `%2E`-style escapes decoded.
fn decode_percent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parts of a multipart body with `boundary`: (headers, body).
fn parts<'a>(body: &'a str, boundary: &str) -> Vec<(String, &'a str)> {
    let marker = format!("--{boundary}");
    body.split(marker.as_str())
        .skip(1)
        .filter(|p| !p.starts_with("--"))
        .filter_map(|p| {
            let p = p.strip_prefix('\n').unwrap_or(p);
            let (head, body) = p.split_once("\n\n")?;
            Some((
                head.replace("\n ", " ").replace("\n\t", " "),
                body.trim_end_matches('\n'),
            ))
        })
        .collect()
}

/// Headers and body of a message in plain text (7-bit, or quoted-printable decoded),
/// with its attachments when it is multipart.
fn parse(text: &str) -> Received {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    // Unfold continued header lines.
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    let kind = header("Content-Type");
    let mut attachments = Vec::new();
    let body = if let Some(b) = kind
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
    {
        let mut text = String::new();
        for (h, b) in parts(body, b.trim_matches('"')) {
            match filename(&header_in(&h, "Content-Disposition")) {
                Some(name) => attachments.push((name, decoded(&h, b))),
                None => text.push_str(&String::from_utf8_lossy(&decoded(&h, b))),
            }
        }
        text
    } else if header("Content-Transfer-Encoding").eq_ignore_ascii_case("quoted-printable") {
        decode_qp(body)
    } else {
        body.to_string()
    };
    Received {
        to: header("X-RcptTo"),
        subject: header("Subject"),
        body,
        attachments,
    }
}

fn decode_qp(s: &str) -> String {
    let s = s.replace("=\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
