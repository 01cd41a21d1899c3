import Foundation
import NianbaoSystem
import Synchronization

/// Progress on stderr: a live bar on a terminal, a line every few seconds otherwise.
public final class Progress: Sendable {
    struct State {
        var done = 0
        var lastDraw: Double = 0
        var drewBar = false
    }
    let total: Int
    let quiet: Bool
    let terminal: Bool
    let start = Date()
    private let state = Mutex(State())

    public init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
        self.terminal = FileDescriptor.standardError.isTerminal
    }

    func advance() {
        state.withLock { s in
            s.done += 1
            let now = Date().timeIntervalSince(start)
            let interval = terminal ? 0.1 : 5.0
            guard !quiet, now - s.lastDraw >= interval || s.done == total else { return }
            s.lastDraw = now
            let rate = now > 0 ? Double(s.done) / now : 0
            if terminal {
                let width = 30
                let filled = total > 0 ? width * s.done / total : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                emit(String(format: "\r%@ %d/%d documents  %.1f/s ", bar, s.done, total, rate))
                s.drewBar = true
            } else if s.done < total {
                emit(String(format: "nianbao: %d/%d documents (%.1f/s)\n", s.done, total, rate))
            }
        }
    }

    /// A message about one document, printed above the bar.
    func message(_ text: String) {
        state.withLock { s in
            if s.drewBar { emit("\r\u{1B}[K") }
            emit("nianbao: \(text)\n")
        }
    }

    func finish() {
        state.withLock { s in
            if s.drewBar { emit("\n") }
        }
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
