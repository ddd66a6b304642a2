using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
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
