/** The needs of R20 and the Tết gift (NEED_CATEGORIES of the domain, each), as the staff app names them. */
export const NEED_LABELS: Readonly<Record<string, string>> = {
  'tet-gift': 'Quà Tết', 'food-water-medicine': 'Lương thực, nước uống, thuốc', 'housing-repair': 'Sửa chữa nhà', 'temporary-shelter': 'Chỗ ở tạm',
  evacuation: 'Sơ tán', 'casualties-burial': 'Thương vong, mai táng', 'sanitation-disease-control': 'Vệ sinh, phòng dịch',
  'medical-equipment': 'Trang thiết bị y tế', 'seeds-livestock-tools': 'Giống, vật nuôi, công cụ', infrastructure: 'Hạ tầng',
  'living-quarantine': 'Sinh hoạt, cách ly', other: 'Khác',
};

