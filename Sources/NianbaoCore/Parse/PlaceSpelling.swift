/// The issuer of a report OCR read, with its place name spelt as a real place's.
///
/// Tesseract's Chinese models misread the rare characters of place names (`赣州` as `闵州`, `庙州`; `禹会区` as
/// `怠会区`) wherever the name stands, so that no spelling of the text outvotes the misreading
/// (`Metadata.outvoted`). The gazetteer (`places.tsv`) knows the real names. The issuer's place name (its
/// longest start that ends in a level, `市`, `区`, `县`…) is taken as a real place's only where:
/// - it is no real place's name itself, no zone (`zones`: `高新区`, `经开区`, `新区`… are named after
///   places they are not), and OCR read it so at least once;
/// - the real name differs from it only at characters in doubt: where OCR read the name otherwise, unsure
///   of each character it read otherwise, or where it was unsure of the character in every reading of the
///   name as spelt. A reading of the name is a run of the report's OCR'd text as long as the name, with
///   its levels where the name has them, differing from it in at most half the other characters, and no
///   real place's name itself;
/// - it differs in at most half of the characters that are not levels, never in a level or its last
///   character (`长沙县` and `长沙市` are two bodies; the `州` of `赣州市` and the `镇` of `镇江市` are part of
///   a name);
/// - no other real name differs as little.
/// A character OCR read with confidence in a reading of the name as spelt, and never read otherwise with
/// doubt, is never changed: a place the gazetteer lacks (newer, or abolished before its years) stays as
/// printed unless OCR doubted the very characters that would make it another.
enum PlaceSpelling {
    /// The characters that name a level wherever they stand in a place's name (`州`, `镇` and `乡` end
    /// some names and begin or end others: `赣州`, `镇江`, `乡宁`).
    static let levels: Set<Character> = ["省", "市", "区", "县", "旗", "盟"]

    /// The issuer with its place name spelt as the gazetteer's, or nil where it stays as read.
    static func corrected(
        _ issuer: String, in cells: [Cell], gazetteer: Gazetteer, zones: [String] = []
    ) -> String? {
        let name = Array(issuer)
        let read = cells.filter { $0.location?.ocr != nil }
        let longest = gazetteer.byLength.keys.max() ?? 0
        func isZone(_ text: String) -> Bool { zones.contains { text.contains($0) } }
        for length in stride(from: min(name.count, longest), through: 3, by: -1)
        where Metadata.levels.contains(name[length - 1]) {
            let place = Array(name[..<length])
            if gazetteer.contains(String(place)) { return nil }
            let fixed = fixedPositions(place)
            let changeable = (length - fixed.count) / 2
            guard changeable > 0, !isZone(String(place)),
                let doubtful = doubtfulPositions(
                    of: place, fixed: fixed, in: read, changeable: changeable, gazetteer: gazetteer)
            else { continue }
            var best: [(name: String, changes: Int)] = []
            for candidate in gazetteer.byLength[length] ?? [] where !isZone(candidate) {
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

    /// The positions of `place` that are never changed: its levels, and its last character.
    static func fixedPositions(_ place: [Character]) -> Set<Int> {
        Set(place.indices.filter { levels.contains(place[$0]) || $0 == place.count - 1 })
    }

    /// The positions of `place` (not `fixed`) in doubt in its readings in OCR'd `cells`, or nil when OCR
    /// never read it as spelt.
    static func doubtfulPositions(
        of place: [Character], fixed: Set<Int>, in cells: [Cell], changeable: Int, gazetteer: Gazetteer
    ) -> Set<Int>? {
        var readOtherwise = Set<Int>()
        // Each position's doubt in the readings as spelt: unsure in all of them so far.
        var unsureAsSpelt: Set<Int>?
        for cell in cells {
            guard let reading = cell.location?.ocr else { continue }
            let text = Array(cell.text)
            guard text.count >= place.count else { continue }
            for start in 0...(text.count - place.count) where text[start + place.count - 1] == place.last {
                var differing: [Int] = []
                var matches = true
                for i in place.indices {
                    let c = text[start + i]
                    if fixed.contains(i) {
                        matches = c == place[i]
                    } else {
                        matches = ChineseText.isHan(c) && !levels.contains(c)
                        if c != place[i] { differing.append(i) }
                    }
                    if !matches || differing.count > changeable { break }
                }
                guard matches, differing.count <= changeable else { continue }
                let unsure = Set(
                    place.indices.filter { !fixed.contains($0) && reading.isUnsure(at: start + $0, in: text) })
                if differing.isEmpty {
                    unsureAsSpelt = unsureAsSpelt.map { $0.intersection(unsure) } ?? unsure
                } else if Set(differing).isSubset(of: unsure),
                    !gazetteer.contains(String(text[start..<(start + place.count)]))
                {
                    // Read otherwise, and unsure of it: not another place the text names.
                    readOtherwise.formUnion(differing)
                }
            }
        }
        return unsureAsSpelt.map { $0.union(readOtherwise) }
    }
}
