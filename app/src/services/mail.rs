//! Sending the outbox by SMTP (`lettre`): `PLANTRACK_SMTP_URL` such as
//! `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://…:465` (TLS), or
//! `smtp://host:25` (plain, a relay on the same network), and `PLANTRACK_MAIL_FROM`.

use super::outbox::{Sender, Sent};
use crate::queries::outbox::{Document, MessageRow};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where messages go: an SMTP server, or nowhere (they stay readable in the app).
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
    Off,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mailer::Smtp { .. } => "Mailer::Smtp",
            Mailer::Off => "Mailer::Off",
        })
    }
}

impl Mailer {
    /// The mailer `PLANTRACK_SMTP_URL` and `PLANTRACK_MAIL_FROM` describe (off when the
    /// URL is unset), or why they cannot be used.
    pub fn from_env() -> Result<Mailer, String> {
        let url = std::env::var("PLANTRACK_SMTP_URL").unwrap_or_default();
        let from = std::env::var("PLANTRACK_MAIL_FROM").unwrap_or_default();
        Mailer::new(&url, &from)
    }

    /// A mailer for SMTP `url` sending as `from` (off when `url` is empty).
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        if url.trim().is_empty() {
            return Ok(Mailer::Off);
        }
        let from: Mailbox = from.trim().parse().map_err(|e| {
            format!("PLANTRACK_MAIL_FROM \"{from}\" is not an address to send from: {e}")
        })?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .map_err(|e| format!("PLANTRACK_SMTP_URL cannot be used: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Mailer::Smtp {
            transport: Box::new(transport),
            from,
        })
    }
}

impl Sender for Mailer {
    async fn send(&self, m: &MessageRow, attachment: Option<&Document>) -> Sent {
        let Mailer::Smtp { transport, from } = self else {
            return Sent::NotSent(
                "No mail server is configured (PLANTRACK_SMTP_URL); the message is on the person's notifications page.".into(),
            );
        };
        let Some(to) = m.to_address.as_deref().filter(|a| !a.trim().is_empty()) else {
            return Sent::NotSent(format!(
                "{} has no e-mail address; the message is on their notifications page.",
                m.username
            ));
        };
        let to: Mailbox = match to.parse() {
            Ok(to) => to,
            Err(e) => return Sent::NotSent(format!("\"{to}\" is not an e-mail address: {e}")),
        };
        let builder = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(m.subject.clone());
        let message = match attachment {
            None => builder.body(m.body.clone()),
            Some(doc) => builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(m.body.clone()))
                    .singlepart(
                        Attachment::new(doc.name.clone()).body(
                            // Base64 always: a PDF sent as 8-bit would not survive every relay.
                            Body::new_with_encoding(
                                doc.data.clone(),
                                ContentTransferEncoding::Base64,
                            )
                            .unwrap_or_else(Body::new),
                            ContentType::parse("application/pdf")
                                .unwrap_or(ContentType::TEXT_PLAIN),
                        ),
                    ),
            ),
        };
        let message = match message {
            Ok(message) => message,
            Err(e) => return Sent::NotSent(format!("The message cannot be built: {e}")),
        };
        match transport.send(message).await {
            Ok(_) => Sent::Sent,
            Err(e) => Sent::Failed(e.to_string()),
        }
    }
}
