import Foundation
import Yams

/// One rule file as read: its bytes, its text and where it comes from; decodes itself into its rules and
/// names the line of whatever is wrong in it.
struct RuleText {
    /// As messages name it (`RuleSource.path`).
    let path: String
    let data: Data
    let text: String

    init(_ source: RuleSource, _ name: String) throws(RuleError) {
        path = source.path(name)
        data = try source.data(name)
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleError(file: path, message: "the file is not UTF-8")
        }
        self.text = text
    }

    /// The file's rules. A syntax error, a duplicate key, a value of the wrong type or a key the rules
    /// do not have (a typo such as `sevrity:`, which decoding alone would pass over) names its line.
    func decode<T: Codable>() throws(RuleError) -> T {
        let value: T
        do {
            value = try YAMLDecoder().decode(T.self, from: text)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch let DecodingError.dataCorrupted(ctx) where ctx.underlyingError is YamlError {
            throw syntaxError(ctx.underlyingError as! YamlError)
        } catch let error as DecodingError {
            let (codingPath, message) = Self.describe(error)
            let node = (try? Yams.compose(yaml: text)).flatMap { $0.flatMap { Self.node(at: codingPath, in: $0) } }
            // A key missing beside one spelt almost like it: the misspelt key is the mistake.
            if case .keyNotFound(let missing, _) = error,
                let misspelt = node?.mapping?.keys.first(where: {
                    guard let name = $0.string, name != missing.stringValue else { return false }
                    return Labels.Matcher.distance(Array(name), Array(missing.stringValue)) <= 2
                })
            {
                throw RuleError(
                    file: path, line: misspelt.mark?.line,
                    message: "unknown key '\(misspelt.string ?? "?")' (did you mean '\(missing.stringValue)'?)")
            }
            throw RuleError(file: path, line: node?.mark?.line, message: message)
        } catch {
            throw RuleError(file: path, message: ErrorText.reason(error))
        }
        try checkKeys(of: value)
        return value
    }

    /// Every key of the file is one its rules read: the rules are encoded again, and a key of the file
    /// that the encoding lacks was not read (keys whose value is null aside, which encode to nothing).
    private func checkKeys<T: Encodable>(of value: T) throws(RuleError) {
        guard let written = try? Yams.compose(yaml: YAMLEncoder().encode(value)),
            let read = try? Yams.compose(yaml: text)
        else { return }
        if let (key, place) = Self.unknownKey(read, known: written, place: []) {
            let within = place.isEmpty ? "at the top level" : "in '\(place.joined(separator: "."))'"
            throw RuleError(file: path, line: key.mark?.line, message: "unknown key '\(key.string ?? "?")' \(within)")
        }
    }

    /// The first key of `read` (in file order) that `known`, the same rules written out again, lacks at
    /// the same place: the key and the path to it. A merge key (`<<: *defaults`) brings its mapping's keys
    /// into the mapping it stands in, and they are looked for there.
    static func unknownKey(_ read: Node, known: Node, place: [String]) -> (Node, [String])? {
        if let mapping = read.mapping {
            guard let knownMapping = known.mapping else { return nil }
            var knownValues: [String: Node] = [:]
            for (key, value) in knownMapping { if let name = key.string { knownValues[name] = value } }
            for (key, value) in mapping {
                guard let name = key.string, value.null == nil else { continue }
                if name == "<<" {
                    for merged in value.sequence.map(Array.init) ?? [value] {
                        if let found = unknownKey(merged, known: known, place: place) { return found }
                    }
                    continue
                }
                guard let next = knownValues[name] else { return (key, place) }
                if let found = unknownKey(value, known: next, place: place + [name]) { return found }
            }
        } else if let sequence = read.sequence, let knownSequence = known.sequence,
            sequence.count == knownSequence.count
        {
            for (i, (item, knownItem)) in zip(sequence, knownSequence).enumerated() {
                if let found = unknownKey(item, known: knownItem, place: place + ["\(i)"]) { return found }
            }
        }
        return nil
    }

    /// The line of the node a path of keys and indices leads to (as far as it leads), for the checks
    /// decoding cannot make.
    func line(at path: [String]) -> Int? {
        guard let root = try? Yams.compose(yaml: text) else { return nil }
        var current = root
        for part in path {
            if let index = Int(part), let seq = current.sequence, index < seq.count {
                current = seq[index]
            } else if let map = current.mapping, let next = map[part] {
                current = next
            } else {
                break
            }
        }
        return current.mark?.line
    }

    private func syntaxError(_ error: YamlError) -> RuleError {
        if case .duplicatedKeysInMapping(let keys, let context) = error {
            return RuleError(
                file: path, line: context.mark.line,
                message: "duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        }
        return RuleError(file: path, line: Self.line(of: error), message: "YAML syntax: \(Self.summary(of: error))")
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }

    static func describe(_ error: DecodingError) -> (path: [any CodingKey], message: String) {
        func render(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return (ctx.codingPath, "missing key '\(key.stringValue)' at \(render(ctx.codingPath))")
        case .typeMismatch(let type, let ctx):
            return (ctx.codingPath, "expected \(type) at \(render(ctx.codingPath))")
        case .valueNotFound(let type, let ctx):
            return (ctx.codingPath, "expected a \(type) value at \(render(ctx.codingPath))")
        case .dataCorrupted(let ctx):
            return (ctx.codingPath, "\(ctx.debugDescription) at \(render(ctx.codingPath))")
        @unknown default:
            return ([], "\(error)")
        }
    }

    /// The deepest node of `root` reached by `path` (so a missing key points at its parent mapping).
    static func node(at path: [any CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            if let index = key.intValue, let seq = current.sequence, index < seq.count {
                current = seq[index]
            } else if let map = current.mapping, let next = map[key.stringValue] {
                current = next
            } else {
                break
            }
        }
        return current
    }

}
