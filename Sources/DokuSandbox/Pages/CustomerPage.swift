import DokuSNAP
import Foundation

/// The page behind each `webRedirectUrl`: what a customer sees in a DANA checkout, with a PIN
/// field and Pay / Fail / Cancel buttons. Everything shown is HTML-escaped.
enum CustomerPage {
    static func render(_ transaction: SandboxTransaction, merchant: String, now: Date, message: String? = nil) -> String {
        let secondsLeft = max(0, Int(transaction.validUpTo.timeIntervalSince(now)))
        let open = !transaction.status.isFinal
        let title = transaction.orderTitle.map { escape($0) } ?? "Order " + escape(transaction.partnerReferenceNo)
        let result: String
        switch transaction.status {
        case .success, .refunded: result = #"<div class="result ok">✓ Paid</div>"#
        case .failed: result = #"<div class="result bad">Payment failed</div>"#
        case .cancelled, .notFound: result = #"<div class="result bad">Cancelled or expired</div>"#
        default: result = ""
        }
        let form =
            open
            ? """
            <form method="post" action="/link/\(escape(transaction.linkID))">
              <label for="pin">DANA PIN</label>
              <input id="pin" name="pin" type="password" inputmode="numeric" maxlength="6" autocomplete="off" placeholder="6 digits">
              <div class="buttons">
                <button class="pay" name="action" value="pay">Pay \(escape(transaction.amount.displayText))</button>
                <button class="fail" name="action" value="fail">Fail</button>
                <button class="cancel" name="action" value="cancel">Cancel</button>
              </div>
            </form>
            <p class="left">Time left: <span id="left" data-seconds="\(secondsLeft)">\(secondsLeft / 60) min \(secondsLeft % 60) s</span></p>
            """ : ""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>DANA — \(title)</title>
            <style>
              body { margin:0; font-family: system-ui, sans-serif; background:#118eea; color:#1d2733; }
              .card { max-width:380px; margin:32px auto; background:#fff; border-radius:16px; padding:24px; box-shadow:0 8px 24px rgba(0,0,0,.2); }
              .brand { color:#118eea; font-weight:800; font-size:28px; letter-spacing:1px; }
              .sandbox { float:right; background:#ffb300; color:#000; font-size:12px; padding:2px 8px; border-radius:8px; }
              .merchant { color:#5b6b7b; margin-top:12px; }
              .title { font-size:18px; margin:4px 0 12px; }
              .amount { font-size:34px; font-weight:700; margin:8px 0 16px; }
              label { display:block; font-size:14px; color:#5b6b7b; }
              input { width:100%; box-sizing:border-box; font-size:22px; letter-spacing:8px; padding:10px; margin:6px 0 14px; border:1px solid #c8d3de; border-radius:10px; }
              .buttons { display:flex; gap:8px; }
              button { flex:1; padding:12px; border:0; border-radius:10px; font-size:15px; cursor:pointer; }
              .pay { background:#118eea; color:#fff; flex:2; } .fail { background:#fde2e1; } .cancel { background:#eceff3; }
              .result { font-size:24px; font-weight:700; padding:16px; border-radius:10px; text-align:center; }
              .ok { background:#e0f7e9; color:#137333; } .bad { background:#fde2e1; color:#a50e0e; }
              .message { color:#a50e0e; } .left, .ref { color:#5b6b7b; font-size:13px; }
            </style></head>
            <body><div class="card">
              <span class="sandbox">SANDBOX</span><div class="brand">DANA</div>
              <div class="merchant">\(escape(merchant))</div>
              <div class="title">\(title)</div>
              <div class="amount">\(escape(transaction.amount.displayText))</div>
              \(message.map { "<p class=\"message\">\(escape($0))</p>" } ?? "")
              \(result)
              \(form)
              <p class="ref">Invoice \(escape(transaction.partnerReferenceNo)) · DOKU ref \(escape(transaction.referenceNo))</p>
            </div>
            <script>
              var el = document.getElementById('left');
              if (el) { var s = +el.dataset.seconds; setInterval(function () { s = Math.max(0, s - 1);
                el.textContent = Math.floor(s / 60) + ' min ' + (s % 60) + ' s'; if (s === 0) location.reload(); }, 1000); }
            </script></body></html>
            """
    }

    static func notFound() -> String {
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>This payment link does not exist.</h1></body></html>"
    }

    /// Where DANA sends the customer back after paying (the merchant's `urlParam` of sandbox configs).
    static func returned() -> String {
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Payment finished</title></head><body><h1>Payment finished.</h1><p>You can return to the shop.</p></body></html>"
    }

    /// HTML-escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Parses an `application/x-www-form-urlencoded` body.
    static func form(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
