import Testing
@testable import KetaplanEngine

@Suite struct InstrumentTests {
    @Test func rangesFollowTheReference() {
        #expect(Instrument.phq9.range == 0...27)
        #expect(Instrument.qids.range == 0...27)
        #expect(Instrument.madrs.range == 0...60)
        #expect(Instrument.gad7.range == 0...21)
        #expect(Instrument.pcl5.range == 0...80)
        #expect(Instrument.cssrs.range == 0...6)
    }

    @Test func scoresOutsideTheScaleAreRefused() {
        #expect(throws: AssessmentError.scoreOutOfRange(instrument: .phq9, score: 28)) {
            try Assessment(date: day("2026-01-05"), instrument: .phq9, score: 28)
        }
        #expect(throws: AssessmentError.self) { try Assessment(date: day("2026-01-05"), instrument: .gad7, score: -1) }
        #expect(AssessmentError.scoreOutOfRange(instrument: .phq9, score: 28).description.contains("from 0 to 27"))
    }

    @Test func phq9BandsAndRemission() {
        #expect(Instrument.phq9.band(for: 4) == "minimal")
        #expect(Instrument.phq9.band(for: 5) == "mild")
        #expect(Instrument.phq9.band(for: 10) == "moderate")
        #expect(Instrument.phq9.band(for: 15) == "moderately severe")
        #expect(Instrument.phq9.band(for: 20) == "severe")
        #expect(Instrument.phq9.isRemission(4) == true)
        #expect(Instrument.phq9.isRemission(5) == false)
        #expect(Instrument.qids.isRemission(5) == true)
        #expect(Instrument.qids.isRemission(6) == false)
    }

    @Test func madrsRemissionIsAClinicSetting() {
        #expect(Instrument.madrs.isRemission(12) == true)
        var strict = ClinicSettings()
        strict.madrsRemissionMax = 10
        #expect(Instrument.madrs.isRemission(12, settings: strict) == false)
    }

    @Test func responseIsAHalvingFromBaseline() throws {
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 10, on: "2026-01-20")]
        let s = try #require(ResponseStatus.of(.phq9, in: scores, asOf: day("2026-02-01"), baselineBefore: day("2026-01-05"), settings: ClinicSettings()))
        #expect(s.responding)
        #expect(!s.inRemission)
        #expect(!s.isRelapse)
        let worse = scores + [score(.phq9, 11, on: "2026-01-27")]
        let lost = try #require(ResponseStatus.of(.phq9, in: worse, asOf: day("2026-02-01"), baselineBefore: day("2026-01-05"), settings: ClinicSettings()))
        #expect(!lost.responding)
        #expect(lost.isRelapse)
    }

    @Test func leavingRemissionIsRelapse() throws {
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 3, on: "2026-01-20"), score(.phq9, 7, on: "2026-02-01")]
        let s = try #require(ResponseStatus.of(.phq9, in: scores, asOf: day("2026-02-01"), baselineBefore: day("2026-01-05"), settings: ClinicSettings()))
        #expect(s.responding)
        #expect(!s.inRemission)
        #expect(s.isRelapse)
    }

    @Test func suicideScreenRisk() {
        #expect(SuicideRisk(screenerScore: 0) == .none)
        #expect(SuicideRisk(screenerScore: 2) == .low)
        #expect(!SuicideRisk(screenerScore: 2).isPositiveScreen)
        #expect(SuicideRisk(screenerScore: 3) == .moderate)
        #expect(SuicideRisk(screenerScore: 3).isPositiveScreen)
        #expect(SuicideRisk(screenerScore: 5) == .high)
        // Item 6 (behaviour): high within the past 3 months (the default), moderate only longer ago.
        #expect(SuicideRisk(screenerScore: 6) == .high)
        #expect(SuicideRisk(screenerScore: 6, behaviourWithin3Months: false) == .moderate)
    }

    @Test func namesParse() {
        #expect(Instrument(name: "PHQ-9") == .phq9)
        #expect(Instrument(name: "qids") == .qids)
        #expect(Instrument(name: "C-SSRS") == .cssrs)
        #expect(Instrument(name: "bdi") == nil)
    }
}
