import Foundation

/// Expands the field patterns of `validation.yaml` into field ids.
public enum IdentityChecker {
    static let rowPrefixes: [String] = {
        var seen = Set<String>()
        return FieldCatalog.ids.filter { $0.hasPrefix("apps.") }.compactMap { id in
            let prefix = String(id[..<id.lastIndex(of: ".")!])
            return seen.insert(prefix).inserted ? prefix : nil
        }
    }()

    /// `apps.denied.*.$c` with column `natural` → the eight `apps.denied.X.natural` ids.
    public static func expand(_ pattern: String, column: String, row: String) -> [String] {
        let concrete = pattern.replacingOccurrences(of: "$c", with: column).replacingOccurrences(of: "$r", with: row)
        guard concrete.contains("*") else { return FieldCatalog.byID[concrete] == nil ? [] : [concrete] }
        let parts = concrete.split(separator: ".")
        return FieldCatalog.ids.filter { id in
            let segments = id.split(separator: ".")
            return segments.count == parts.count && zip(parts, segments).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }
}
