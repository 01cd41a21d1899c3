extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes: for the many literal look-ups
    /// of cues and aliases, where Foundation's `contains` (locale-aware, through NSString) costs far
    /// more. Both strings are expected in one normal form already.
    func containsBytes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count <= h.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
