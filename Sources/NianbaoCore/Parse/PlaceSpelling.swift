/// The issuer of a report OCR read, with its place name spelt as a real place's.
///
/// Tesseract's Chinese models misread the rare characters of place names (`赣州` as `闵州`, `庙州`; `禹会区` as
/// `怠会区`) wherever the name stands, so that no spelling of the text outvotes the misreading
/// (`Metadata.outvoted`). The gazetteer (`places.tsv`) knows the real names. The issuer's place name (its
/// longest start that ends in a level, `市`, `区`, `县`…) is taken as a real place's only where:
/// - it is no real place's name itself;
/// - the real name differs from it only where OCR's readings of the name are in doubt: every reading of
///   the name in the report's OCR'd text (a run of as many characters with its levels where the name has
///   them, differing from it in at most half the other characters), at a position where one of them reads
///   another character, or OCR was unsure of the character it read;
/// - it differs in at most half of the characters that are not levels, never in a level (`长沙县` and
///   `长沙市` are two bodies; the `州` of `赣州市` is no level, its `市` is);
/// - no other real name differs as little.
/// A name OCR read with confidence everywhere it stands is never changed (a place newer than the
/// gazetteer stays as printed).
enum PlaceSpelling {
    /// The issuer with its place name spelt as the gazetteer's, or nil where it stays as read.
    static func corrected(_ issuer: String, in cells: [Cell], gazetteer: Gazetteer) -> String? {
        let name = Array(issuer)
        let read = cells.filter { $0.location?.ocr != nil }
        let longest = gazetteer.byLength.keys.max() ?? 0
        for length in stride(from: min(name.count, longest), through: 3, by: -1)
        where Metadata.levels.contains(name[length - 1]) {
            let place = Array(name[..<length])
            if gazetteer.contains(String(place)) { return nil }
            let levels = levelPositions(place)
            let changeable = (length - levels.count) / 2
            guard changeable > 0,
                let doubtful = doubtfulPositions(of: place, levels: levels, in: read, changeable: changeable)
            else { continue }
            var best: [(name: String, changes: Int)] = []
            for candidate in gazetteer.byLength[length] ?? [] {
                let spelt = Array(candidate)
                var changes = 0
                for i in 0..<length where spelt[i] != place[i] {
                    guard doubtful.contains(i) else {
                        changes = .max
                        break
                    }
                    changes += 1
                }
                guard changes <= changeable else { continue }
                if let first = best.first, changes > first.changes { continue }
                if let first = best.first, changes < first.changes { best.removeAll() }
                best.append((candidate, changes))
            }
            guard let only = best.first else { continue }
            return best.count == 1 ? only.name + String(name[length...]) : nil
        }
        return nil
    }

    /// The positions of `place` that name a level: a level's character not followed by another (the
    /// `州` of `赣州市` is part of the city's name, its `市` the level).
    static func levelPositions(_ place: [Character]) -> Set<Int> {
        Set(
            place.indices.filter { i in
                Metadata.levels.contains(place[i]) && (i + 1 == place.count || !Metadata.levels.contains(place[i + 1]))
            })
    }

    /// The positions of `place` (not its levels) where its readings in OCR'd `cells` are in doubt, or nil
    /// when OCR never read it as spelt.
    static func doubtfulPositions(
        of place: [Character], levels: Set<Int>, in cells: [Cell], changeable: Int
    ) -> Set<Int>? {
        var doubtful = Set<Int>()
        var asSpelt = false
        for cell in cells {
            guard let reading = cell.location?.ocr else { continue }
            let text = Array(cell.text)
            guard text.count >= place.count else { continue }
            for start in 0...(text.count - place.count) where text[start + place.count - 1] == place.last {
                var differing: [Int] = []
                var matches = true
                for i in place.indices {
                    let c = text[start + i]
                    if levels.contains(i) {
                        matches = c == place[i]
                    } else {
                        matches = ChineseText.isHan(c)
                        if c != place[i] { differing.append(i) }
                    }
                    if !matches || differing.count > changeable { break }
                }
                guard matches, differing.count <= changeable else { continue }
                asSpelt = asSpelt || differing.isEmpty
                doubtful.formUnion(differing)
                for i in place.indices where !levels.contains(i) && reading.isUnsure(text[start + i]) {
                    doubtful.insert(i)
                }
            }
        }
        return asSpelt ? doubtful : nil
    }
}
