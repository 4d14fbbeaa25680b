/// Escaping for HTML and SVG: every string that comes from data goes through here.
public enum Markup {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where ch.value < 0x20 && ch != "\n" && ch != "\t": continue
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
