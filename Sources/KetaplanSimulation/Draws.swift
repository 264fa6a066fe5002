#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KetaplanDemo

/// Random numbers addressed by (seed, patient, day, stream) instead of drawn in
/// sequence, so that every policy meets the same patient on the same day with the same
/// luck: a score measured on day 40 carries the same noise, and a session on day 40 is
/// missed or not, whichever policy put it there (common random numbers make the policy
/// comparison fair and the run deterministic).
struct Draws: Sendable {
    /// What a draw is for; each gets its own independent sequence.
    enum Stream: UInt64 {
        case missed = 1, noiseA, noiseB, selfReport, doseA, doseB
    }

    let seed: UInt64
    let patient: Int

    /// A uniform number in [0, 1).
    func unit(day: Int, _ stream: Stream) -> Double {
        var key = seed &* 0x9E37_79B9_7F4A_7C15
        key ^= UInt64(truncatingIfNeeded: patient) &* 0xD6E8_FEB8_6659_FD93
        key ^= UInt64(truncatingIfNeeded: day) &* 0xA076_1D64_78BD_642F
        key ^= stream.rawValue &* 0xE703_7ED1_A0B4_28DB
        var generator = SeededGenerator(seed: key)
        return Double(generator.next() >> 11) * 0x1p-53
    }

    /// A standard normal number (Box-Muller over two streams).
    func normal(day: Int, _ a: Stream, _ b: Stream) -> Double {
        let u = max(unit(day: day, a), 0x1p-53)
        let v = unit(day: day, b)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
