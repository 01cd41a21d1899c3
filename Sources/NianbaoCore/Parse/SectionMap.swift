/// The six sections of a report, found by their headings.
public struct SectionMap: Sendable, Hashable {
    /// section number (1…6) → the range of line indices it covers, heading excluded.
    public var ranges: [Int: Range<Int>]
    /// section number → index of its heading line.
    public var headings: [Int: Int]

    public func lines(_ section: Int) -> Range<Int>? { ranges[section] }
}
