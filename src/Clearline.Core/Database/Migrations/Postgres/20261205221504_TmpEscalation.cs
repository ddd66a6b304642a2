using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TmpEscalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HotlineOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgeGroup = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InSeries = table.Column<bool>(type: "boolean", nullable: false),
                    PriorityRank = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    StateChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StateChangedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    StateChangedByApiKey = table.Column<bool>(type: "boolean", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TakenBy = table.Column<Guid>(type: "uuid", nullable: true),
                    FeedbackNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FeedbackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EscalationCauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EscalationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HotlineOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PoliceOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClassificationId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationCauses");

            migrationBuilder.DropTable(
                name: "Escalations");
        }
    }
}
