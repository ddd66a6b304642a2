using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LawEnforcement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HotlineOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgeGroup = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InSeries = table.Column<bool>(type: "INTEGER", nullable: false),
                    PriorityRank = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    StateChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StateChangedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    StateChangedByApiKey = table.Column<bool>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TakenBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    FeedbackNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FeedbackAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IcseBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByApiKey = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IncludesHandedOver = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IcseBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IcseBatches_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Interests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakedownActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HotlineOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PoliceOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    OutcomeAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Organisations_HotlineOrganisationId",
                        column: x => x.HotlineOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Organisations_PoliceOrganisationId",
                        column: x => x.PoliceOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_TakedownActions_TakedownActionId",
                        column: x => x.TakedownActionId,
                        principalTable: "TakedownActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EscalationCauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EscalationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HotlineOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PoliceOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClassificationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationCauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EscalationCauses_Escalations_EscalationId",
                        column: x => x.EscalationId,
                        principalTable: "Escalations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IcseBatchItems",
                columns: table => new
                {
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IcseBatchItems", x => new { x.BatchId, x.MediaSha256 });
                    table.ForeignKey(
                        name: "FK_IcseBatchItems_IcseBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "IcseBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IcseBatchItems_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Until = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReasonShared = table.Column<bool>(type: "INTEGER", nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedByKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PlacedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangedByKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ChangedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftedByKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LiftedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExpiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationHolds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationHolds_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestigationHolds_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestigationHolds_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralFeedback_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReferralFeedback_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralMessages_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReferralMessages_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EscalationCauses_EscalationId",
                table: "EscalationCauses",
                column: "EscalationId");

            migrationBuilder.CreateIndex(
                name: "IX_EscalationCauses_HotlineOrganisationId",
                table: "EscalationCauses",
                column: "HotlineOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_MediaSha256",
                table: "Escalations",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_ReportId",
                table: "Escalations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_State_PriorityRank_OpenedAt",
                table: "Escalations",
                columns: new[] { "State", "PriorityRank", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IcseBatches_OrganisationId_Id",
                table: "IcseBatches",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_IcseBatchItems_MediaSha256",
                table: "IcseBatchItems",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_Interests_MediaSha256_WithdrawnAt",
                table: "Interests",
                columns: new[] { "MediaSha256", "WithdrawnAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Interests_OrganisationId_WithdrawnAt",
                table: "Interests",
                columns: new[] { "OrganisationId", "WithdrawnAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationHolds_MediaSha256_LiftedAt",
                table: "InvestigationHolds",
                columns: new[] { "MediaSha256", "LiftedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationHolds_OrganisationId_Id",
                table: "InvestigationHolds",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationHolds_ReferralId",
                table: "InvestigationHolds",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralFeedback_OrganisationId",
                table: "ReferralFeedback",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralFeedback_ReferralId_Id",
                table: "ReferralFeedback",
                columns: new[] { "ReferralId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralMessages_OrganisationId",
                table: "ReferralMessages",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralMessages_ReferralId_Id",
                table: "ReferralMessages",
                columns: new[] { "ReferralId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_HotlineOrganisationId_Id",
                table: "Referrals",
                columns: new[] { "HotlineOrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_MediaSha256",
                table: "Referrals",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_PoliceOrganisationId_State_Id",
                table: "Referrals",
                columns: new[] { "PoliceOrganisationId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_RouteId",
                table: "Referrals",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TakedownActionId",
                table: "Referrals",
                column: "TakedownActionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationCauses");

            migrationBuilder.DropTable(
                name: "IcseBatchItems");

            migrationBuilder.DropTable(
                name: "Interests");

            migrationBuilder.DropTable(
                name: "InvestigationHolds");

            migrationBuilder.DropTable(
                name: "ReferralFeedback");

            migrationBuilder.DropTable(
                name: "ReferralMessages");

            migrationBuilder.DropTable(
                name: "Escalations");

            migrationBuilder.DropTable(
                name: "IcseBatches");

            migrationBuilder.DropTable(
                name: "Referrals");
        }
    }
}
