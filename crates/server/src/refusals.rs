//! The HTTP parser answers some requests itself, before the router sees
//! them: a request line or header it cannot parse (400), a request target
//! or a header block that overflows its buffer (414, 431). It sends those
//! without a body. This connection wrapper recognises such an answer as it
//! is written and sends it with the JSON error body `{"error": …}` of every
//! other refusal instead; all other bytes pass through unchanged.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A connection whose parser refusals get a JSON body.
pub(crate) struct JsonRefusals<S> {
    inner: S,
    /// A replacement answer still to be written, from `sent`.
    pending: Vec<u8>,
    sent: usize,
}

impl<S> JsonRefusals<S> {
    pub(crate) fn new(inner: S) -> Self {
        JsonRefusals {
            inner,
            pending: Vec::new(),
            sent: 0,
        }
    }
}

/// The answer to send instead of `bytes` when they are exactly one of the
/// parser's bodiless refusals (a status line of 400, 414 or 431 and
/// `content-length: 0`). The router's own errors always have a body, so
/// they never match.
fn replacement(bytes: &[u8]) -> Option<Vec<u8>> {
    let head = std::str::from_utf8(bytes.strip_suffix(b"\r\n\r\n")?).ok()?;
    if head.contains("\r\n\r\n") {
        return None;
    }
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let code = status_line.strip_prefix("HTTP/1.1 ")?.get(..3)?;
    let message = match code {
        "400" => "the request could not be parsed as HTTP/1.1",
        "414" => "the request target is too long",
        "431" => "the request's headers are too large",
        _ => return None,
    };
    if !lines.any(|l| l.eq_ignore_ascii_case("content-length: 0")) {
        return None;
    }
    let body = serde_json::json!({ "error": message }).to_string();
    Some(
        format!(
            "{status_line}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             x-content-type-options: nosniff\r\ncache-control: no-store\r\n\
             connection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

impl<S: AsyncWrite + Unpin> JsonRefusals<S> {
    /// Write what is left of a replacement answer.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            match ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..])) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => self.sent += n,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonRefusals<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonRefusals<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        if let Some(answer) = replacement(buf) {
            this.pending = answer;
            this.sent = 0;
            // what is not written now is written by the next flush
            if let Poll::Ready(Err(e)) = this.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }

    // Vectored writes would hand the head and the body over separately; one
    // buffer at a time lets an answer be recognised whole.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::replacement;

    #[test]
    fn only_the_parsers_bodiless_refusals_are_replaced() {
        let parser = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\
                       date: Sun, 06 Dec 2026 08:00:00 GMT\r\n\r\n";
        let fresh = String::from_utf8(replacement(parser).expect("replaced")).expect("UTF-8");
        assert!(fresh.starts_with("HTTP/1.1 431 "), "{fresh}");
        let (_, body) = fresh.split_once("\r\n\r\n").expect("a body");
        let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
        assert!(json["error"].is_string(), "{json}");
        // the router's answers, a 200, or a head with its body: unchanged
        let router = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 20\r\n\r\n";
        assert!(replacement(router).is_none());
        assert!(replacement(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(replacement(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\nx").is_none());
    }
}
