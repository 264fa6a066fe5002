import Testing
import KetaplanEngine
@testable import KetaplanStore
@testable import KetaplanUI

/// A clinic the user could not read (a colleague's folder without the group's modes) is
/// said so on the overview, never drawn as an empty clinic.
@Suite struct UnreadableClinicScreenTests {
    func emptyState(problems: [LoadProblem]) -> AppState {
        var state = AppState(today: testToday, clinic: demoClinicFile(), summaries: [], problems: [], width: 100, height: 30, glyphs: .unicode, user: "bob")
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: demoClinicFile(), summaries: [], problems: problems)))
        return state
    }

    @Test func anUnreadablePatientsFolderIsAMessageNotAnEmptyClinic() {
        let error = StoreError.noAccess(path: "/srv/clinic/patients", operation: "list the folder",
                                        advice: "fix: chgrp clinic '/srv/clinic/patients' && chmod 2770 '/srv/clinic/patients' (as alice or root)")
        let screen = Renderer.render(emptyState(problems: [LoadProblem(path: "/srv/clinic/patients", error: error)])).lines.joined(separator: "\n")
        #expect(screen.contains("The clinic could not be read: /srv/clinic/patients: could not list the folder: permission denied"), "\(screen)")
        #expect(screen.contains("chmod 2770"), "the fix is on the screen, wrapped, not cut off: \(screen)")
        #expect(!screen.contains("No patients yet"))
        #expect(screen.contains("1 file could not be read"))
    }

    @Test func aReadableEmptyClinicStillInvitesTheFirstPatient() {
        let screen = Renderer.render(emptyState(problems: [])).lines.joined(separator: "\n")
        #expect(screen.contains("No patients yet: press n to add one."))
        #expect(!screen.contains("could not be read"))
    }
}
