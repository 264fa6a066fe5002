import Testing
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanUI

/// `ClinicIndex` keeps millions of bookings at 100,000 patients, so each is packed into
/// eight bytes; what is packed must read back, and an index patched one patient at a time
/// must list every day exactly as one built at once.
@Suite struct ClinicIndexTests {
    @Test func aBookingReadsBackWhatItWasMadeWith() {
        let kinds: [(given: Bool, scoringVisit: Bool, unkept: SessionStatus?)] = [
            (false, false, nil), (true, false, nil), (false, true, nil), (false, false, .missed), (false, false, .deferred), (false, false, .cancelled),
        ]
        for kind in kinds {
            for patient in [0, 1, 99_999, Int(UInt32.max)] {
                for minutes in [0, 9 * 60 + 30, 24 * 60 - 1, 24 * 60] {
                    let b = ClinicIndex.Booking(patient: patient, given: kind.given, scoringVisit: kind.scoringVisit, unkept: kind.unkept, minutes: minutes)
                    #expect(b.patient == patient && b.given == kind.given && b.scoringVisit == kind.scoringVisit && b.unkept == kind.unkept)
                    #expect(Int(b.minutes) == minutes)
                }
            }
        }
        #expect(MemoryLayout<ClinicIndex.Booking>.stride == 8)
    }

    @Test func anIndexPatchedOnePatientAtATimeListsEveryDayAsOneBuiltAtOnce() {
        let summaries = makeState().summaries
        let whole = ClinicIndex(summaries: summaries, today: testToday)
        #expect(!whole.byDay.isEmpty)
        // Added one by one, each day's order comes from where each booking was inserted;
        // then each patient taken out and put back, last first.
        var patched = ClinicIndex(summaries: [], today: testToday)
        for i in summaries.indices { patched.add(summaries[i], at: i) }
        var replaced = patched
        for i in summaries.indices.reversed() {
            replaced.remove(summaries[i], at: i)
            replaced.add(summaries[i], at: i)
        }
        for index in [patched, replaced] {
            #expect(index.bookings == whole.bookings)
            #expect(index.byDay == whole.byDay)
            #expect(index.overdue == whole.overdue && index.dueWithinWeek == whole.dueWithinWeek && index.critical == whole.critical)
        }
    }
}
