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
                name: "Referrals");
        }
    }
}
