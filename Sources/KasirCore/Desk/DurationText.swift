import Foundation

/// Durations as people write them: `15m`, `1h30m`, `900s`, `2d`, or plain seconds.
public enum DurationText {
    public static func parse(_ text: String) -> TimeInterval? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = Int(text) { return TimeInterval(seconds) }
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for character in text {
            if character.isASCII && character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "s": total += TimeInterval(value)
            case "m": total += TimeInterval(value) * 60
            case "h": total += TimeInterval(value) * 3600
            case "d": total += TimeInterval(value) * 86_400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        return sawUnit && number.isEmpty ? total : nil
    }
}
