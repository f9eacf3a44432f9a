// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorreader.h"

#include "missrecorder.h"

#include <QCoreApplication>

namespace Stowaway {

MirrorReading MirrorReader::read(const MirrorLayout &layout, bool withMisses)
{
    MirrorReading reading;
    {
        MirrorState state;
        QString error;
        if (state.open(layout.stateDatabase(), &error))
            reading.crates = state.crateList();
        else
            reading.error = QCoreApplication::translate(
                                "Stowaway::MirrorReader",
                                "Could not read the mirror's crate list: %1. Check that the "
                                "storage folder %2 is readable, then reload.")
                                .arg(error, layout.root());
    }
    if (withMisses)
        reading.misses = MissJournal::readCrates(MissRecorder::journalPathFor(layout));
    return reading;
}

} // namespace Stowaway
