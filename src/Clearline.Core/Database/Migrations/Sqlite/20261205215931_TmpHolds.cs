using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TmpHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvestigationHolds");
        }
    }
}
