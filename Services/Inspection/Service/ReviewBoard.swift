import AidContracts
import Hummingbird
import InspectionDomain
import PostgresNIO
import ServiceRuntime

/// Campaigns, their cross-district teams, the review of each school and its all-member sign-off.
/// A review is final when every member has signed; then it is published and counts towards the
/// school's year-end score.
struct ReviewBoard: Sendable {
    let context: ServiceContext

    struct Assignment: Decodable {
        var schoolId: String
        var teamId: String
    }

    struct Assigned: ResponseCodable {
        var reviewId: String
        var schoolId: String
        var teamId: String
    }

    struct PlanResult: ResponseCodable {
        var assigned: [Assigned]
        /// Schools no team from another district could take.
        var unassignable: [String]
    }

    struct ReviewView: ResponseCodable {
        struct Signature: Codable, Sendable {
            var inspectorId: String
            var signedOn: String
        }

        var reviewId: String
        var campaignId: String
        var schoolId: String
        var teamId: String
        var status: String
        var result: ReviewResult?
        var score: Int?
        var signatures: [Signature]
        /// Members who have not signed yet.
        var awaiting: [String]
    }

    struct CampaignView: ResponseCodable {
        struct Team: Codable, Sendable {
            var teamId: String
            var districtCode: String
            var members: [TeamMember]
        }

        struct Review: Codable, Sendable {
            var reviewId: String
            var schoolId: String
            var teamId: String
            var status: String
        }

        var campaignId: String
        var title: String
        var year: Int
        var startsOn: String
        var endsOn: String
        var teams: [Team]
        var reviews: [Review]
    }

    struct SchoolScore: ResponseCodable {
        var schoolId: String
        var year: Int
        var yearEnd: YearEndScore
    }

    static func reviewId(campaignId: String, schoolId: String) -> String { "REV-\(campaignId)-\(schoolId)" }

    func createCampaign(_ campaign: CampaignDraft, by actor: String) async throws {
        try campaign.validate().throwIfAny()
        let inserted = try await context.database.query("""
            INSERT INTO campaigns (campaign_id, title, year, starts_on, ends_on, created_by)
            VALUES (\(campaign.campaignId), \(campaign.title), \(campaign.year), \(campaign.startsOn.description)::date, \(campaign.endsOn.description)::date, \(actor))
            ON CONFLICT DO NOTHING RETURNING 1
            """).collect()
        guard !inserted.isEmpty else { throw APIError.conflict("campaignId", "'\(campaign.campaignId)' exists; ids are used once") }
    }

    func addTeam(campaignId: String, _ team: ReviewTeam) async throws {
        try team.validate().throwIfAny()
        try await context.transaction { connection, _ in
            try await Self.requireCampaign(campaignId, on: connection)
            let inserted = try await connection.run("""
                INSERT INTO teams (team_id, campaign_id, district_code) VALUES (\(team.teamId), \(campaignId), \(team.districtCode))
                ON CONFLICT DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { throw APIError.conflict("teamId", "'\(team.teamId)' exists; ids are used once") }
            try await connection.run("""
                INSERT INTO team_members (team_id, inspector_id, full_name)
                SELECT \(team.teamId), i, n FROM unnest(\(team.members.map(\.inspectorId))::text[], \(team.members.map(\.name))::text[]) AS u(i, n)
                """)
        }
    }

    func assign(campaignId: String, _ assignment: Assignment) async throws -> Assigned {
        try await context.transaction { connection, _ in
            try await Self.requireCampaign(campaignId, on: connection)
            let schools = try await Self.schools(on: connection)
            guard let school = schools.first(where: { $0.schoolId == assignment.schoolId }) else {
                throw APIError(.unprocessableContent, field: "schoolId", rule: "no school '\(assignment.schoolId)' is known; schools come from identification's roster")
            }
            guard let team = try await Self.teams(campaignId: campaignId, on: connection).first(where: { $0.teamId == assignment.teamId }) else {
                throw APIError(.unprocessableContent, field: "teamId", rule: "campaign \(campaignId) has no team '\(assignment.teamId)'")
            }
            if let refusal = CrossReview.refusal(team: team, school: school) { try [refusal].throwIfAny() }
            return try await Self.insertReview(campaignId: campaignId, schoolId: school.schoolId, teamId: team.teamId, on: connection)
        }
    }

    /// Assigns every known school not yet reviewed in the campaign to a team from another district.
    func plan(campaignId: String) async throws -> PlanResult {
        try await context.transaction { connection, _ in
            try await Self.requireCampaign(campaignId, on: connection)
            // Two plans of one campaign at once would both see the same unassigned schools.
            try await connection.run("SELECT 1 FROM campaigns WHERE campaign_id = \(campaignId) FOR UPDATE")
            var load: [String: Int] = [:]
            var reviewed = Set<String>()
            for try await (schoolId, teamId) in try await connection.run("SELECT school_id, team_id FROM reviews WHERE campaign_id = \(campaignId)").decode((String, String).self) {
                reviewed.insert(schoolId)
                load[teamId, default: 0] += 1
            }
            let schools = try await Self.schools(on: connection).filter { !reviewed.contains($0.schoolId) }
            let plan = CrossReview.plan(schools: schools, teams: try await Self.teams(campaignId: campaignId, on: connection), existingLoad: load)
            var assigned: [Assigned] = []
            for (schoolId, teamId) in plan.assignments.sorted(by: { $0.key < $1.key }) {
                assigned.append(try await Self.insertReview(campaignId: campaignId, schoolId: schoolId, teamId: teamId, on: connection))
            }
            return PlanResult(assigned: assigned, unassignable: plan.unassignable)
        }
    }

    func recordResult(reviewId: String, _ result: ReviewResult, by inspector: String) async throws -> ReviewView {
        try result.validate().throwIfAny()
        return try await context.transaction { connection, _ in
            var (review, signOff) = try await Self.lock(reviewId, on: connection)
            do {
                try signOff.record(result, by: inspector)
            } catch let refusal as ReviewSignOff.Refusal {
                throw Self.apiError(refusal)
            }
            try await connection.run("""
                UPDATE reviews SET aid_management_score = \(result.aidManagementScore), archive_management_score = \(result.archiveManagementScore),
                    score = \(result.score), notes = \(result.notes), result_by = \(inspector)
                WHERE review_id = \(reviewId)
                """)
            review.result = result
            review.score = result.score
            return review
        }
    }

    func sign(reviewId: String, by inspector: String, on day: CalendarDay) async throws -> ReviewView {
        try await context.transaction { connection, outbox in
            var (review, signOff) = try await Self.lock(reviewId, on: connection)
            let final: Bool
            do {
                final = try signOff.sign(by: inspector, on: day)
            } catch let refusal as ReviewSignOff.Refusal {
                throw Self.apiError(refusal)
            }
            try await connection.run("""
                INSERT INTO review_signatures (review_id, inspector_id, signed_on) VALUES (\(reviewId), \(inspector), \(day.description)::date)
                """)
            review.signatures.append(.init(inspectorId: inspector, signedOn: day.description))
            review.awaiting.removeAll { $0 == inspector }
            if final, let result = signOff.result, let finalizedOn = signOff.finalizedOn {
                try await connection.run("""
                    UPDATE reviews SET status = 'final', finalized_on = \(finalizedOn.description)::date WHERE review_id = \(reviewId)
                    """)
                review.status = "final"
                let year = try await connection.run("SELECT year FROM campaigns WHERE campaign_id = \(review.campaignId)").collect().first?.decode(Int.self) ?? day.year
                try outbox.append(
                    InspectionEvent.ReviewSigned(
                        reviewId: reviewId, campaignId: review.campaignId, schoolId: review.schoolId, teamId: review.teamId, year: year,
                        aidManagementScore: result.aidManagementScore, archiveManagementScore: result.archiveManagementScore,
                        score: result.score, signatures: signOff.signatures.count, signedOn: finalizedOn.description),
                    eventID: "review-signed:\(reviewId)")
            }
            return review
        }
    }

    func review(_ reviewId: String) async throws -> ReviewView {
        try await context.database.transaction { connection in try await Self.load(reviewId, on: connection).0 }
    }

    func campaign(_ campaignId: String) async throws -> CampaignView {
        try await context.database.transaction { connection in
            let rows = try await connection.run("""
                SELECT title, year, starts_on::text, ends_on::text FROM campaigns WHERE campaign_id = \(campaignId)
                """).collect()
            guard let (title, year, startsOn, endsOn) = try rows.first?.decode((String, Int, String, String).self) else {
                throw APIError.notFound("id", "no campaign '\(campaignId)'")
            }
            var teams: [String: CampaignView.Team] = [:]
            let members = try await connection.run("""
                SELECT t.team_id, t.district_code, m.inspector_id, m.full_name FROM teams t JOIN team_members m USING (team_id)
                WHERE t.campaign_id = \(campaignId) ORDER BY t.team_id, m.inspector_id
                """)
            for try await (teamId, district, inspectorId, name) in members.decode((String, String, String, String).self) {
                teams[teamId, default: CampaignView.Team(teamId: teamId, districtCode: district, members: [])]
                    .members.append(TeamMember(inspectorId: inspectorId, name: name))
            }
            var reviews: [CampaignView.Review] = []
            let reviewRows = try await connection.run("""
                SELECT review_id, school_id, team_id, status FROM reviews WHERE campaign_id = \(campaignId) ORDER BY school_id
                """)
            for try await (reviewId, schoolId, teamId, status) in reviewRows.decode((String, String, String, String).self) {
                reviews.append(CampaignView.Review(reviewId: reviewId, schoolId: schoolId, teamId: teamId, status: status))
            }
            return CampaignView(
                campaignId: campaignId, title: title, year: year, startsOn: startsOn, endsOn: endsOn,
                teams: teams.values.sorted { $0.teamId < $1.teamId }, reviews: reviews)
        }
    }

    /// Year-end scores of every school with a final review or a finding in `year`, or of one school.
    func yearEndScores(year: Int, schoolId: String?) async throws -> [SchoolScore] {
        var reviewScores: [String: [Int]] = [:]
        var findings: [String: [InspectionEvent.FindingKind]] = [:]
        let reviews = try await context.database.query("""
            SELECT r.school_id, r.score FROM reviews r JOIN campaigns c USING (campaign_id)
            WHERE r.status = 'final' AND c.year = \(year) AND (\(schoolId)::text IS NULL OR r.school_id = \(schoolId))
            """)
        for try await (school, score) in reviews.decode((String, Int).self) { reviewScores[school, default: []].append(score) }
        let findingRows = try await context.database.query("""
            SELECT school_id, kind FROM findings
            WHERE extract(year FROM recorded_on)::int = \(year) AND (\(schoolId)::text IS NULL OR school_id = \(schoolId))
            """)
        for try await (school, kind) in findingRows.decode((String, String).self) {
            if let kind = InspectionEvent.FindingKind(rawValue: kind) { findings[school, default: []].append(kind) }
        }
        var schools = Set(reviewScores.keys).union(findings.keys)
        if let schoolId { schools.insert(schoolId) }
        return schools.sorted().map { school in
            SchoolScore(schoolId: school, year: year, yearEnd: YearEndScore(reviewScores: reviewScores[school] ?? [], findings: findings[school] ?? []))
        }
    }

    // MARK: -

    private static func apiError(_ refusal: ReviewSignOff.Refusal) -> APIError {
        switch refusal {
        case .notAMember: APIError(.forbidden, field: "inspector", rule: refusal.description)
        case .alreadySigned, .resultLocked, .final, .noResultYet: APIError.conflict("review", refusal.description)
        }
    }

    private static func requireCampaign(_ campaignId: String, on connection: PostgresConnection) async throws {
        guard try await !connection.run("SELECT 1 FROM campaigns WHERE campaign_id = \(campaignId)").collect().isEmpty else {
            throw APIError.notFound("id", "no campaign '\(campaignId)'")
        }
    }

    private static func schools(on connection: PostgresConnection) async throws -> [CrossReview.School] {
        var schools: [CrossReview.School] = []
        for try await (id, district) in try await connection.run("SELECT school_id, district_code FROM schools ORDER BY school_id").decode((String, String).self) {
            schools.append(CrossReview.School(schoolId: id, districtCode: district))
        }
        return schools
    }

    private static func teams(campaignId: String, on connection: PostgresConnection) async throws -> [CrossReview.Team] {
        var teams: [CrossReview.Team] = []
        let rows = try await connection.run("SELECT team_id, district_code FROM teams WHERE campaign_id = \(campaignId) ORDER BY team_id")
        for try await (id, district) in rows.decode((String, String).self) { teams.append(CrossReview.Team(teamId: id, districtCode: district)) }
        return teams
    }

    private static func insertReview(campaignId: String, schoolId: String, teamId: String, on connection: PostgresConnection) async throws -> Assigned {
        let reviewId = Self.reviewId(campaignId: campaignId, schoolId: schoolId)
        let inserted = try await connection.run("""
            INSERT INTO reviews (review_id, campaign_id, school_id, team_id) VALUES (\(reviewId), \(campaignId), \(schoolId), \(teamId))
            ON CONFLICT DO NOTHING RETURNING 1
            """).collect()
        guard !inserted.isEmpty else {
            throw APIError.conflict("schoolId", "school \(schoolId) already has a review in campaign \(campaignId)")
        }
        return Assigned(reviewId: reviewId, schoolId: schoolId, teamId: teamId)
    }

    /// The review and its sign-off state, with the review row locked for the rest of the transaction.
    private static func lock(_ reviewId: String, on connection: PostgresConnection) async throws -> (ReviewView, ReviewSignOff) {
        try await connection.run("SELECT 1 FROM reviews WHERE review_id = \(reviewId) FOR UPDATE")
        return try await load(reviewId, on: connection)
    }

    private static func load(_ reviewId: String, on connection: PostgresConnection) async throws -> (ReviewView, ReviewSignOff) {
        let rows = try await connection.run("""
            SELECT campaign_id, school_id, team_id, status, aid_management_score, archive_management_score, notes FROM reviews WHERE review_id = \(reviewId)
            """).collect()
        guard let (campaignId, schoolId, teamId, status, aidScore, archiveScore, notes)
                = try rows.first?.decode((String, String, String, String, Int?, Int?, String?).self) else {
            throw APIError.notFound("id", "no review '\(reviewId)'")
        }
        var members: [String] = []
        for try await id in try await connection.run("SELECT inspector_id FROM team_members WHERE team_id = \(teamId) ORDER BY inspector_id").decode(String.self) {
            members.append(id)
        }
        var signatures: [String: CalendarDay] = [:]
        var signatureViews: [ReviewView.Signature] = []
        let signed = try await connection.run("""
            SELECT inspector_id, signed_on::text FROM review_signatures WHERE review_id = \(reviewId) ORDER BY signed_on, inspector_id
            """)
        for try await (inspectorId, signedOn) in signed.decode((String, String).self) {
            signatures[inspectorId] = CalendarDay(iso: signedOn)
            signatureViews.append(.init(inspectorId: inspectorId, signedOn: signedOn))
        }
        var result: ReviewResult?
        if let aidScore, let archiveScore {
            result = ReviewResult(aidManagementScore: aidScore, archiveManagementScore: archiveScore, notes: notes)
        }
        let view = ReviewView(
            reviewId: reviewId, campaignId: campaignId, schoolId: schoolId, teamId: teamId, status: status, result: result,
            score: result?.score, signatures: signatureViews, awaiting: members.filter { signatures[$0] == nil })
        return (view, ReviewSignOff(members: Set(members), result: result, signatures: signatures))
    }
}
