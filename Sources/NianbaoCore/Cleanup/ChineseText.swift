import Foundation

/// Character-level repairs for Chinese text.
public enum ChineseText {
    public static func isHan(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FA1F).contains(v)
    }

    /// Han characters and the CJK punctuation set between them.
    public static func isCJK(_ ch: Character) -> Bool {
        if isHan(ch) { return true }
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x3001...0x303F).contains(v) || (0xFF01...0xFF0F).contains(v) || (0xFF1A...0xFF20).contains(v)
            || (0xFF3B...0xFF40).contains(v) || (0xFF5B...0xFF65).contains(v) || (0x2018...0x201F).contains(v)
            || v == 0x2014 || v == 0x2026 || v == 0x00B7
    }

    static func isSpace(_ ch: Character) -> Bool {
        ch == " " || ch == "\u{3000}" || ch == "\u{A0}" || ch == "\u{2002}" || ch == "\u{2003}" || ch == "\u{2009}"
            || ch == "\u{200B}"
    }

    /// Traditional → simplified over the whole document in one call (cells joined by U+001F, lines by
    /// newlines, which no dictionary entry spans), only when the text holds traditional characters.
    static func simplify(_ lines: inout [Line], repairs: inout [String: Int]) {
        let separator: Character = "\u{1F}"
        let joined = lines.map { $0.cells.map(\.text).joined(separator: String(separator)) }.joined(separator: "\n")
        guard containsTraditional(joined), let simplified = simplified(joined) else { return }
        let newLines = simplified.split(separator: "\n", omittingEmptySubsequences: false)
        guard newLines.count == lines.count else { return }
        var changed = 0
        for (i, text) in newLines.enumerated() {
            let cells = text.split(separator: separator, omittingEmptySubsequences: false)
            guard cells.count == lines[i].cells.count else { continue }
            for (c, cell) in cells.enumerated() where lines[i].cells[c].text != cell {
                changed += zip(lines[i].cells[c].text, cell).filter { $0 != $1 }.count
                lines[i].cells[c].text = String(cell)
            }
        }
        if changed > 0 { repairs["transform.traditional_to_simplified", default: 0] += changed }
        simplifyUnsure(&lines)
    }

    /// The characters OCR read unsure (`OCRReading.unsure`), simplified as the text they stand in was, so
    /// that they are still found where they stand; each with its neighbours, all in one call.
    static func simplifyUnsure(_ lines: inout [Line]) {
        var places: [(line: Int, cell: Int)] = []
        var triples: [String] = []
        for i in lines.indices {
            for c in lines[i].cells.indices {
                guard let unsure = lines[i].cells[c].location?.ocr?.unsure, !unsure.isEmpty else { continue }
                places.append((i, c))
                triples += unsure.map { String([$0.before ?? " ", $0.character, $0.after ?? " "]) }
            }
        }
        guard !triples.isEmpty, let simplified = simplified(triples.joined(separator: "\n")) else { return }
        var converted = simplified.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        for (i, c) in places {
            guard let reading = lines[i].cells[c].location?.ocr else { continue }
            let unsure = reading.unsure.map { old -> UnsureCharacter in
                guard let new = converted.next().map(Array.init), new.count == 3 else { return old }
                return UnsureCharacter(
                    character: new[1], before: old.before.map { _ in new[0] }, after: old.after.map { _ in new[2] })
            }
            lines[i].cells[c].location?.ocr = OCRReading(
                confidence: reading.confidence, confident: reading.confident, alternatives: reading.alternatives,
                unsure: unsure)
        }
    }

    /// Which converter turns traditional characters into simplified ones in this process.
    public enum Simplifier: Sendable, Equatable {
        /// OpenCC's t2s configuration: by phrase, then by character, so that a character with several
        /// simplified forms gets the one its word needs (反覆 → 反复, 答覆 → 答复, 裏面 → 里面).
        case openCC(configuration: String)
        /// ICU's Traditional-Simplified transform, character by character (反覆 stays 反覆): used only
        /// when OpenCC's configuration cannot be opened; `reason` says why.
        case icu(reason: String)
    }

    /// The converter in use, decided once (the first time it is asked for).
    public static var simplifier: Simplifier {
        switch openCC {
        case .success(let converter): .openCC(configuration: converter.configuration)
        case .failure(let error): .icu(reason: "OpenCC's t2s.json could not be opened: \(error.message)")
        }
    }

    /// Where Debian (libopencc-data), a /usr/local build and Homebrew put t2s.json. A path is given
    /// rather than the bare name, which OpenCC would look for in the working directory first.
    static let openCCConfigurations = [
        "/usr/share/opencc/t2s.json", "/usr/local/share/opencc/t2s.json",
        "/opt/homebrew/share/opencc/t2s.json",
    ]

    static let openCC: Result<OpenCCConverter, OpenCCConverter.OpenError> = {
        let path = openCCConfigurations.first { FileManager.default.fileExists(atPath: $0) } ?? "t2s.json"
        do throws(OpenCCConverter.OpenError) { return .success(try OpenCCConverter(configuration: path)) } catch {
            return .failure(error)
        }
    }()

    /// `text` in simplified characters: OpenCC, else ICU (also when OpenCC fails on this text).
    static func simplified(_ text: String) -> String? {
        simplified(text, using: try? openCC.get())
    }

    static func simplified(_ text: String, using converter: OpenCCConverter?) -> String? {
        if let converter, let converted = converter.convert(text) { return converted }
        return text.applyingTransform(StringTransform("Traditional-Simplified"), reverse: false)
    }

    /// Frequent characters that exist only in traditional script (the transform is run only if any occurs).
    static let traditionalMarkers: Set<Character> = Set(
        "們個來時會對說為國這後從於與開關區縣機構機關業資訊總計辦處報點號數據經濟發應當處條規範體議訴訟執書動態屬權內內務費億萬單過遞廣東舉報復審結維護證據類嚴網頁專欄務門戶聯絡監導聽記錄區劃權責執歲醫療養學屆衛環農產場運營統計劃實際請願見覽讀寫網絡"
    )

    static func containsTraditional(_ text: String) -> Bool {
        var hits = 0
        for ch in text where traditionalMarkers.contains(ch) {
            hits += 1
            if hits >= 3 { return true }
        }
        return false
    }

    /// Kangxi radicals (U+2F00–U+2FD5, fixed by NFKC) and the CJK Radicals Supplement (a table).
    static let radicalSupplement: [Character: Character] = [
        "⺁": "厂", "⺄": "乙", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尣", "⺐": "尢",
        "⺑": "尣", "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺕": "彐", "⺖": "心", "⺗": "心", "⺘": "手", "⺙": "攴", "⺛": "旡",
        "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "水", "⺢": "水", "⺣": "火", "⺤": "爪", "⺥": "爪",
        "⺦": "丬", "⺧": "牛", "⺨": "犬", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "示", "⺮": "竹", "⺯": "糸",
        "⺰": "糸", "⺱": "网", "⺲": "网", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "老",
        "⺺": "聿", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艸", "⺿": "艸", "⻀": "艸", "⻁": "虎", "⻂": "衣", "⻃": "襾",
        "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶",
        "⻏": "阝", "⻐": "金", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阝", "⻗": "雨", "⻘": "青",
        "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马",
        "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐",
        "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
    ]

    static func foldRadicals(_ text: inout String, repairs: inout [String: Int]) {
        guard text.unicodeScalars.contains(where: { (0x2E80...0x2FDF).contains($0.value) }) else { return }
        var count = 0
        text = String(
            text.map { ch -> Character in
                guard let v = ch.unicodeScalars.first?.value else { return ch }
                if (0x2F00...0x2FD5).contains(v) {
                    count += 1
                    return String(ch).precomposedStringWithCompatibilityMapping.first ?? ch
                }
                if let mapped = radicalSupplement[ch] {
                    count += 1
                    return mapped
                }
                return ch
            })
        if count > 0 { repairs["transform.radicals", default: 0] += count }
    }

    /// １２３ → 123, and a full-width comma or point between digits → `,` `.`.
    static func foldFullwidthDigits(_ text: inout String, repairs: inout [String: Int]) {
        guard text.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) }) else { return }
        var chars = Array(text)
        var count = 0
        func digit(_ ch: Character) -> Bool {
            ch.isASCII && ch.isNumber || (ch.unicodeScalars.first.map { (0xFF10...0xFF19).contains($0.value) } ?? false)
        }
        for i in chars.indices {
            guard let v = chars[i].unicodeScalars.first?.value else { continue }
            if (0xFF10...0xFF19).contains(v) {
                chars[i] = Character(Unicode.Scalar(v - 0xFF10 + 0x30)!)
                count += 1
            } else if v == 0xFF0C || v == 0xFF0E, i > 0, i + 1 < chars.count, digit(chars[i - 1]), digit(chars[i + 1]) {
                chars[i] = v == 0xFF0C ? "," : "."
                count += 1
            }
        }
        text = String(chars)
        if count > 0 { repairs["transform.fullwidth_digits", default: 0] += count }
    }

    /// Removes the spaces extractors put between Han characters (自 然 人, 三、 本 年 度), and a single
    /// space between Han text and a number (2022 年).
    static func joinCJKSpacing(_ text: inout String, repairs: inout [String: Int]) {
        guard text.contains(where: isSpace) else { return }
        let chars = Array(text)
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var count = 0
        var i = 0
        while i < chars.count {
            guard isSpace(chars[i]), let before = out.last else {
                out.append(chars[i])
                i += 1
                continue
            }
            var j = i
            while j < chars.count, isSpace(chars[j]) { j += 1 }
            guard j < chars.count else {
                i = j
                continue
            }
            let after = chars[j]
            let run = j - i
            let bothCJK = isCJK(before) && isCJK(after)
            let cjkAndNumber =
                run == 1
                && ((isCJK(before) && after.isASCII && after.isNumber)
                    || (before.isASCII && before.isNumber && isHan(after)))
            let markerAndCJK = run == 1 && (before == "." || before == ")") && isHan(after)
            if bothCJK || cjkAndNumber || markerAndCJK {
                count += 1
            } else {
                out.append(contentsOf: chars[i..<j])
            }
            i = j
        }
        if count > 0 {
            text = String(out)
            repairs["transform.cjk_spacing", default: 0] += count
        }
    }
}
