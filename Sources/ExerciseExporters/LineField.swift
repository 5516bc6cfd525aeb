/// A field of the state folder's tab-separated line files (the manifest, the cache index) that may
/// hold any text, such as a path: `\\`, tab and line feed escaped.
public enum LineField {
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A }) else { return field }
        var out = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(0x5C) else { return String(field) }
        var out = ""
        var escaped = false
        for scalar in field.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(scalar == "t" ? "\t" : scalar == "n" ? "\n" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
