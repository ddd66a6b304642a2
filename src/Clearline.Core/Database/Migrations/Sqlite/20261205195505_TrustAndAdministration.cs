using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustAndAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HashLists_Name",
                table: "HashLists");

            migrationBuilder.DropIndex(
                name: "IX_HashLists_OwnerOrganisationId",
                table: "HashLists");

            migrationBuilder.AddColumn<long>(
                name: "DeactivatedAt",
                table: "Organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ShreddedAt",
                table: "MediaBlobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShreddedReason",
                table: "MediaBlobs",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Approval",
                table: "HashLists",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "NotRequested");

            migrationBuilder.AddColumn<long>(
                name: "ApprovalDecidedAt",
                table: "HashLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovalMapping",
                table: "HashLists",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovalNote",
                table: "HashLists",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ApprovalRequestId",
                table: "HashLists",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApprovalRequestedAt",
                table: "HashLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AcceptPartial",
                table: "HashListImports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "DisabledAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastUsedAt",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditSeals",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Mac = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSeals", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedByKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PlacedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftedByKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LiftedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalHolds_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalHolds_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalHolds_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "HashLists",
                keyColumn: "Id",
                keyValue: new Guid("00000000-0000-7000-8000-00000000c1a5"),
                columns: new[] { "ApprovalDecidedAt", "ApprovalMapping", "ApprovalNote", "ApprovalRequestId", "ApprovalRequestedAt" },
                values: new object[] { null, null, null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_OwnerOrganisationId_Name",
                table: "HashLists",
                columns: new[] { "OwnerOrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_MediaSha256",
                table: "LegalHolds",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_OrganisationId_Id",
                table: "LegalHolds",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_ReportId",
                table: "LegalHolds",
                column: "ReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditSeals");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropIndex(
                name: "IX_HashLists_OwnerOrganisationId_Name",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "ShreddedAt",
                table: "MediaBlobs");

            migrationBuilder.DropColumn(
                name: "ShreddedReason",
                table: "MediaBlobs");

            migrationBuilder.DropColumn(
                name: "Approval",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalDecidedAt",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalMapping",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalNote",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestId",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestedAt",
                table: "HashLists");

            migrationBuilder.DropColumn(
                name: "AcceptPartial",
                table: "HashListImports");

            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "LastUsedAt",
                table: "ApiKeys");

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_Name",
                table: "HashLists",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HashLists_OwnerOrganisationId",
                table: "HashLists",
                column: "OwnerOrganisationId");
        }
    }
}
