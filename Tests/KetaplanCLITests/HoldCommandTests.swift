import Foundation
import KetaplanTestSupport
import Testing

/// The holds from the command line: the examples, refused and then allowed.
@Suite struct HoldCommandTests {
    /// A patient with a clear screening and a plan of `protocol` from 2026-01-05.
    func planned(_ cli: CLI, protocol proto: String = "esketamine-trd", birth: String = "1980-04-12", extra: [String] = []) {
        #expect(cli.run(["patient", "add", "--name", "Jane Doe", "--birth", birth, "--weight", "70"] + extra).status == 0)
        #expect(cli.run(["screening", "set", "P-0001"] + allClear).status == 0)
        let plan = cli.run("plan", "new", "P-0001", "--protocol", proto, "--start", "2026-01-05")
        #expect(plan.status == 0, "\(plan.err)")
    }

    func json(_ cli: CLI, today: String = "2026-01-05") throws -> [String: Any] {
        let shown = cli.run(["plan", "show", "P-0001", "--json"], today: today)
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
    }

    @Test func aPositiveScreenHoldsUntilReviewedAndANegativeOneDoesNotLiftIt() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let positive = cli.run("score", "add", "P-0001", "--instrument", "cssrs", "--score", "5")
        #expect(positive.out.contains("ON HOLD (positive C-SSRS screen)"))
        // The next day: a negative screen, and the dose is still refused.
        cli.run(["score", "add", "P-0001", "--instrument", "cssrs", "--score", "0"], today: "2026-01-06")
        let refused = cli.run(["session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80"], today: "2026-01-06")
        #expect(refused.status != 0)
        #expect(refused.err.contains("on hold (positive C-SSRS screen) since 2026-01-05"))
        #expect(refused.err.contains("ketaplan review P-0001 --kind suicide-screen"))
        let shown = try json(cli, today: "2026-01-06")
        let holds = try #require(shown["holds"] as? [[String: Any]])
        #expect(holds.map { $0["code"] as? String } == ["suicideScreen"])
        #expect(holds[0]["since"] as? String == "2026-01-05")
        #expect((holds[0]["howToLift"] as? String)?.contains("--kind suicide-screen") == true)
        let sessions = try #require(shown["sessions"] as? [[String: Any]])
        #expect(sessions.allSatisfy { $0["held"] as? Bool == true })
        let warnings = try #require(shown["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["code"] as? String == "suicideScreenPositive" })
        // A review lifts it; a new positive screen the same day holds again.
        let review = cli.run(["review", "P-0001", "--kind", "suicide-screen", "--note", "seen; safety plan"], today: "2026-01-06")
        #expect(review.out.contains("Hold lifted: positive C-SSRS screen."))
        cli.run(["score", "add", "P-0001", "--instrument", "cssrs", "--score", "4"], today: "2026-01-06")
        #expect(try json(cli, today: "2026-01-06")["holds"] as? [[String: Any]] != nil)
        #expect((try json(cli, today: "2026-01-06")["holds"] as? [[String: Any]])?.count == 1)
        cli.run(["review", "P-0001", "--kind", "suicide-screen", "--note", "seen again"], today: "2026-01-06")
        let given = cli.run(["session", "record", "P-0001", "2026-01-07", "--status", "given", "--bp", "120/80", "--bp-40", "130/84"], today: "2026-01-07")
        #expect(given.status == 0, "\(given.err)")
    }

    @Test func itemSixIsHighRiskUnlessTheBehaviourWasLongerAgo() {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("patient", "add", "--name", "Jane Doe", "--birth", "1980-04-12", "--weight", "70")
        #expect(cli.run("score", "add", "P-0001", "--instrument", "cssrs", "--score", "6").out.contains("(high risk; behaviour within 3 months)"))
        let older = cli.run("score", "add", "P-0001", "--instrument", "cssrs", "--score", "6", "--behaviour-within-3-months", "no")
        #expect(older.out.contains("(moderate risk; behaviour more than 3 months ago)"))
        let wrong = cli.run("score", "add", "P-0001", "--instrument", "phq9", "--score", "6", "--behaviour-within-3-months", "no")
        #expect(wrong.status != 0)
        #expect(wrong.err.contains("for the C-SSRS screener"))
    }

    @Test func screeningShowAndSet() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let shown = cli.run("screening", "show", "P-0001", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 14)
        #expect(items.allSatisfy { $0["answer"] as? String == "no" && $0["on"] as? String == "2026-01-05" && ($0["by"] as? String)?.isEmpty == false })
        // An absolute contraindication entered after the plan exists holds every session; no override.
        let set = cli.run("screening", "set", "P-0001", "aneurysmal-vascular-disease=yes")
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out.contains("aneurysmalVascularDisease: no -> yes"))
        #expect(set.out.contains("ON HOLD (absolute contraindication)"))
        let refused = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80", "--override", "benefit outweighs")
        #expect(refused.status != 0)
        #expect(refused.err.contains("No override"))
        let table = cli.run("screening", "show", "P-0001")
        #expect(table.out.contains("aneurysmalVascularDisease   yes"))
        let noReason = cli.run("screening", "set", "P-0001", "aneurysmalVascularDisease=no")
        #expect(noReason.status != 0)
        #expect(noReason.err.contains("--note: say why") && noReason.err.contains("withdrawing a finding needs its reason"))
        let corrected = cli.run("screening", "set", "P-0001", "aneurysmalVascularDisease=no", "--note", "report was another patient's")
        #expect(corrected.out.contains("Hold lifted: absolute contraindication."))
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80", "--bp-40", "130/84").status == 0)
        // The audit log says what changed, never the note.
        let audit = String(decoding: cli.file("audit.jsonl") ?? Data(), as: UTF8.self)
        #expect(audit.contains("\"ids\":[\"aneurysmalVascularDisease\"],\"kind\":\"screening-changed\""), "\(audit)")
        #expect(!audit.contains("report was another patient's"))
        let bad = cli.run("screening", "set", "P-0001", "heartDisease=yes")
        #expect(bad.status != 0)
        #expect(bad.err.contains("use one of aneurysmalVascularDisease"))
        #expect(cli.run("screening", "set", "P-0001", "psychosis=maybe").err.contains("use yes, no or unknown"))
    }

    /// The tester's case: a "yes" changed to "unknown" is not a correction.
    @Test func aYesChangedToUnknownStillHoldsEveryDose() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        #expect(cli.run(["session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80", "--bp-40", "130/84"]).status == 0)
        let yes = cli.run(["screening", "set", "P-0001", "aneurysmalVascularDisease=yes", "--note", "CT report"], today: "2026-01-06")
        #expect(yes.out.contains("ON HOLD (absolute contraindication)"))
        let unknown = cli.run(["screening", "set", "P-0001", "aneurysmalVascularDisease=unknown", "--note", "not sure"], today: "2026-01-09")
        #expect(unknown.status == 0, "\(unknown.err)")
        #expect(!unknown.out.contains("Hold lifted"), "\(unknown.out)")
        #expect(unknown.out.contains("Still on hold (absolute contraindication)"))
        let shown = try json(cli, today: "2026-01-09")
        let holds = try #require(shown["holds"] as? [[String: Any]])
        #expect(holds.map { $0["code"] as? String } == ["absoluteContraindication"], "no first-dose hold once a dose is given")
        #expect(holds.first?["since"] as? String == "2026-01-06", "the day the answer changed, not the plan's")
        #expect((holds.first?["sessions"] as? [Int])?.isEmpty == false, "a hold listed names what it holds")
        let refused = cli.run(["session", "record", "P-0001", "2", "--status", "given", "--bp", "130/80"], today: "2026-01-09")
        #expect(refused.status != 0)
        #expect(refused.err.contains("on hold (absolute contraindication) since 2026-01-06"))
        let corrected = cli.run(["screening", "set", "P-0001", "aneurysmalVascularDisease=no", "--note", "CT was another patient's"], today: "2026-01-09")
        #expect(corrected.out.contains("Hold lifted: absolute contraindication."))
        let given = cli.run(["session", "record", "P-0001", "2", "--status", "given", "--bp", "130/80", "--bp-40", "132/84"], today: "2026-01-09")
        #expect(given.status == 0, "\(given.err)")
    }

    @Test func aReviewWithNothingToReviewIsRefused() {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let minor = cli.run("review", "P-0001", "--kind", "under-18", "--note", "x")
        #expect(minor.status != 0)
        #expect(minor.err.contains("nothing to review for 'under-18': the patient is 45"))
        let screen = cli.run("review", "P-0001", "--kind", "suicide-screen", "--note", "x")
        #expect(screen.status != 0)
        #expect(screen.err.contains("no positive C-SSRS screen"))
        // With a positive screen on file, the same review is recorded and lifts the hold.
        #expect(cli.run("score", "add", "P-0001", "--instrument", "cssrs", "--score", "4").status == 0)
        let reviewed = cli.run("review", "P-0001", "--kind", "suicide-screen", "--note", "safety plan")
        #expect(reviewed.status == 0, "\(reviewed.err)")
        #expect(reviewed.out.contains("Hold lifted: positive C-SSRS screen."))
    }

    @Test func aMinorNeedsAnOverrideToBePlanned() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("patient", "add", "--name", "Teen Ager", "--birth", "2011-06-01", "--weight", "50")
        let refused = cli.run("plan", "new", "P-0001", "--protocol", "esketamine-trd", "--start", "2026-01-05")
        #expect(refused.status != 0)
        #expect(refused.err.contains("the patient is 14, under 18"))
        #expect(refused.err.contains("--override REASON"))
        let allowed = cli.run("plan", "new", "P-0001", "--protocol", "esketamine-trd", "--start", "2026-01-05", "--override", "specialist team decision")
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(allowed.out.contains("Override (patient under 18)"))
        let overrides = try #require(try json(cli)["overrides"] as? [[String: Any]])
        #expect(overrides.first?["reason"] as? String == "specialist team decision")
        #expect(cli.run("plan", "show", "P-0001").out.contains("patient under 18 by"))
        let audit = String(decoding: cli.file("audit.jsonl") ?? Data(), as: UTF8.self)
        #expect(audit.contains("\"ids\":[\"underAge\",") && audit.contains("\"kind\":\"override-recorded\""), "\(audit)")
        #expect(!audit.contains("specialist team decision"))
        // A 4-year-old too.
        cli.run("patient", "add", "--name", "Small Child", "--birth", "2021-06-01", "--weight", "30")
        #expect(cli.run("plan", "new", "P-0002", "--protocol", "iv-ketamine-3x", "--start", "2026-01-05").err.contains("the patient is 4"))
    }

    @Test func preDoseBloodPressureNeedsAnOverride() throws {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli)
        let none = cli.run("session", "record", "P-0001", "1", "--status", "given")
        #expect(none.status != 0)
        #expect(none.err.contains("no pre-dose blood pressure recorded"))
        let high = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "152/92")
        #expect(high.err.contains("pre-dose BP 152/92 is above 140/90"))
        let given = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "152/92", "--bp-40", "185/110", "--bp-discharge", "165/105",
                            "--override", "weighed: asymptomatic, rechecked 148/90")
        #expect(given.status == 0, "\(given.err)")
        #expect(given.out.contains("!! session 1 on 2026-01-05: 40-minute BP 185/110 is at or above 180/110"))
        #expect(given.out.contains("not ready for discharge: keep monitoring"))
        let overrides = try #require(try json(cli)["overrides"] as? [[String: Any]])
        #expect(overrides.first?["code"] as? String == "preDoseBloodPressure")
        let needless = cli.run(["session", "record", "P-0001", "2", "--status", "given", "--bp", "120/80", "--bp-40", "128/82", "--override", "just in case"], today: "2026-01-07")
        #expect(needless.out.contains("Nothing needed an override: the reason was not recorded."))
        #expect(overrides.first?["session"] as? Int == 1)
    }

    @Test func bipolarWithNoneAsMoodStabiliserIsHeld() {
        let cli = CLI()
        defer { cli.cleanUp() }
        planned(cli, protocol: "iv-ketamine-3x", extra: ["--condition", "bipolar-depression", "--mood-stabiliser", "none"])
        let refused = cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80")
        #expect(refused.err.contains("no mood stabiliser on record (none)"))
        cli.run("review", "P-0001", "--kind", "no-mood-stabiliser", "--note", "declined lithium")
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80").status == 0)
        cli.run("score", "add", "P-0001", "--instrument", "ymrs", "--score", "2", "--date", "2026-01-04")
        let rise = cli.run("score", "add", "P-0001", "--instrument", "ymrs", "--score", "11")
        #expect(rise.out.contains("YMRS rose from 2 (2026-01-04) to 11 (2026-01-05)"))
    }

    @Test func theMoodStabiliserIsAChoiceSetAfterPatientAdd() {
        let cli = CLI()
        defer { cli.cleanUp() }
        let bad = cli.run("patient", "add", "--name", "Jane Doe", "--birth", "1980-04-12", "--weight", "70", "--condition", "bipolar-depression", "--mood-stabiliser", "aspirin")
        #expect(bad.status != 0)
        #expect(refusesChoice(bad.err, "aspirin", for: "--mood-stabiliser", accepting: ["lithium", "valproate", "risperidone", "none", "other:NAME"]), "\(bad.err)")
        planned(cli, protocol: "iv-ketamine-3x", extra: ["--condition", "bipolar-depression"])
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80").err.contains("no mood stabiliser on record"))
        for refused in ["declined", "none currently", "0", "stopped"] {
            let r = cli.run("patient", "set", "P-0001", "--mood-stabiliser", refused)
            #expect(r.status != 0, "\(refused) was accepted")
            #expect(refusesChoice(r.err, refused, for: "--mood-stabiliser", accepting: ["lithium", "none", "other:NAME"]), "\(r.err)")
        }
        let set = cli.run("patient", "set", "P-0001", "--mood-stabiliser", "Lithium")
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out.contains("Mood stabiliser of P-0001: lithium."))
        #expect(set.out.contains("Hold lifted: no mood stabiliser."))
        #expect(cli.run("session", "record", "P-0001", "1", "--status", "given", "--bp", "120/80").status == 0)
        #expect(cli.run("patient", "set", "P-0001", "--mood-stabiliser", "other:asenapine").status == 0)
    }

    @Test func theClinicSetsItsPostDoseThresholds() {
        let cli = CLI()
        defer { cli.cleanUp() }
        cli.run("demo", "--patients", "1")
        let set = cli.run("clinic", "set", "--bp-urgent", "170/105", "--bp-rise", "30", "--ymrs-rise", "6")
        #expect(set.status == 0, "\(set.err)")
        let shown = cli.run("clinic", "show").out
        #expect(shown.contains("critical at or above 170/105; caution on a systolic rise of 30 mmHg"))
        #expect(shown.contains("caution on a rise of 6 over the first score"))
        #expect(cli.run("clinic", "set", "--bp-urgent", "high").err.contains("write SYSTOLIC/DIASTOLIC in mmHg"))
        #expect(cli.run("clinic", "set", "--bp-urgent", "90/50").err.contains("write SYS/DIA with systolic 100-300 and diastolic 60-200"))
        #expect(cli.run("clinic", "set", "--bp-rise", "2").err.contains("use 5-100 mmHg"))
    }
}
