// SPDX-License-Identifier: GPL-3.0-or-later
#include "datasize.h"

namespace Stowaway {

QString DataSize::format(qint64 bytes, const QLocale &locale)
{
    return locale.formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace Stowaway
